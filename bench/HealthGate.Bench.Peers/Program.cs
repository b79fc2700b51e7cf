namespace HealthGate.Bench.Peers;

/// <summary><c>bare</c>, <c>conventional</c> or <c>standin</c>, then the usual host arguments (<c>--urls</c>); or <c>seq URL N</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var rest = args.Skip(1).ToArray();
        switch (args.FirstOrDefault())
        {
            case "bare":
                await BarePeer.RunAsync(rest);
                return 0;
            case "conventional":
                await ConventionalPeer.RunAsync(rest);
                return 0;
            case "standin":
                await StandIn.RunAsync(rest);
                return 0;
            case "seq":
                return await SequentialClient.RunAsync(rest);
            default:
                await Console.Error.WriteLineAsync("usage: HealthGate.Bench.Peers bare|conventional|standin --urls URL [options] | seq URL N");
                return 2;
        }
    }
}
