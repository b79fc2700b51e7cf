using System.Reflection;
using System.Reflection.Emit;

namespace HealthGate.Tests.Architecture;

/// <summary>
/// Which room (<c>HealthGate.{Room}</c>, the namespace's second segment) uses which, read from the built assembly:
/// every type's base type, interfaces, fields, properties, signatures and the types, methods and fields its method
/// bodies name (compiler-made closures and state machines are nested in the type that wrote them, so they count for
/// its room). A <c>using</c> line nobody needs is not an edge; a fully qualified name is.
/// </summary>
internal static class RoomGraph
{
    private const string Root = "HealthGate.";
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<ushort, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => (ushort)o.Value);

    /// <summary>The room of a namespace: <c>HealthGate.Checks.Redis</c> is in <c>Checks</c>; null outside HealthGate.</summary>
    public static string? RoomOf(string? ns)
    {
        if (ns is null || !ns.StartsWith(Root, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[Root.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    /// <summary>Room to the rooms it uses (itself left out), over every type of the assembly in a HealthGate room.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Of(Assembly assembly, IReadOnlySet<string>? ignoredRooms = null)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var graph = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (RoomOf(type.Namespace) is not { } room || ignoredRooms?.Contains(room) == true)
            {
                continue;
            }

            var uses = graph.TryGetValue(room, out var set) ? set : graph[room] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var used in UsedTypes(type))
            {
                if (used.Assembly == assembly && RoomOf(used.Namespace) is { } usedRoom && usedRoom != room && ignoredRooms?.Contains(usedRoom) != true)
                {
                    uses.Add(usedRoom);
                }
            }
        }

        return graph.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value, StringComparer.Ordinal);
    }

    /// <summary>Every set of rooms that use each other round a loop (the strongly connected components of two or more).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, IReadOnlySet<string>> graph)
    {
        ArgumentNullException.ThrowIfNull(graph);

        // Tarjan's algorithm; the graph has a few dozen nodes, so recursion depth is no concern.
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        var next = 0;

        void Visit(string node)
        {
            index[node] = low[node] = next++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in graph.TryGetValue(node, out var targets) ? targets : new HashSet<string>())
            {
                if (!index.ContainsKey(target))
                {
                    // Not yet visited: its component is found below it.
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target) && index.TryGetValue(target, out var targetIndex))
                {
                    low[node] = Math.Min(low[node], targetIndex);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1)
                {
                    component.Sort(StringComparer.Ordinal);
                    cycles.Add(component);
                }
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;
    }

    private static HashSet<Type> UsedTypes(Type type)
    {
        var found = new HashSet<Type>();

        void Add(Type? t)
        {
            if (t is null || !found.Add(t))
            {
                return;
            }

            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }

            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }

        Add(type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(i);
        }

        foreach (var attribute in type.GetCustomAttributesData())
        {
            Add(attribute.AttributeType);
        }

        foreach (var field in type.GetFields(Everything))
        {
            Add(field.FieldType);
        }

        foreach (var property in type.GetProperties(Everything))
        {
            Add(property.PropertyType);
        }

        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info)
            {
                Add(info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Add(parameter.ParameterType);
            }

            foreach (var used in BodyTypes(type, method))
            {
                Add(used);
            }
        }

        return found;
    }

    /// <summary>The types a method body names: each type, method or field token of its IL, resolved to its type.</summary>
    private static IEnumerable<Type> BodyTypes(Type type, MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            ushort value = il[at++];
            if (value == 0xFE)
            {
                value = (ushort)(0xFE00 | il[at++]);
            }

            var code = OpCodesByValue[value];
            var size = OperandSize(code.OperandType, il, at);
            if (code.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                switch (member)
                {
                    case Type named:
                        yield return named;
                        break;
                    case FieldInfo field:
                        yield return field.DeclaringType!;
                        yield return field.FieldType;
                        break;
                    case MethodBase called:
                        yield return called.DeclaringType!;
                        foreach (var argument in called.IsGenericMethod ? called.GetGenericArguments() : [])
                        {
                            yield return argument;
                        }

                        break;
                }
            }

            at += size;
        }
    }

    private static int OperandSize(OperandType operand, byte[] il, int at) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
