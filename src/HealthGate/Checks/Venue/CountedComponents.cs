namespace HealthGate.Checks.Venue;

/// <summary>
/// Which of a status page's components count for the desk: every one by default; with <c>Components</c>, those whose
/// name or id is listed (every component of that name: two of one name both count), and a listed group brings its
/// members, so a group cannot read "operational" while one of its members is down.
/// </summary>
internal static class CountedComponents
{
    /// <summary>The counted components, and in <paramref name="missing"/> each configured entry the page does not list.</summary>
    public static IReadOnlyList<StatuspageComponent> Select(IReadOnlyList<StatuspageComponent> all, IReadOnlyList<string> configured, out string[] missing)
    {
        missing = [];
        if (configured.Count == 0)
        {
            return all;
        }

        var counted = new List<StatuspageComponent>();
        var absent = new List<string>();
        foreach (var entry in configured)
        {
            var matches = all.Where(c => c.Name == entry || c.Id == entry).ToArray();
            if (matches.Length == 0)
            {
                absent.Add(entry);
            }

            foreach (var match in matches)
            {
                Add(counted, match);
                if (match.IsGroup)
                {
                    foreach (var member in all.Where(c => c.GroupId == match.Id || match.MemberIds.Contains(c.Id, StringComparer.Ordinal)))
                    {
                        Add(counted, member);
                    }
                }
            }
        }

        missing = [.. absent];
        return counted;
    }

    private static void Add(List<StatuspageComponent> counted, StatuspageComponent component)
    {
        if (!counted.Any(c => ReferenceEquals(c, component)))
        {
            counted.Add(component);
        }
    }
}
