using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// Reads YAML into <see cref="JsonNode"/>s so tests navigate manifests and JSON alike. Plain scalars follow the
/// YAML 1.2 core schema (null, booleans, integers, floats); quoted scalars stay strings, as Kubernetes reads them.
/// </summary>
internal static partial class Yaml
{
    public static IReadOnlyList<JsonNode> LoadAll(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Select(d => ToJson(d.RootNode) ?? throw new InvalidDataException($"{path}: an empty document"))];
    }

    public static JsonNode Load(string path) =>
        LoadAll(path) is [var single] ? single : throw new InvalidDataException($"{path}: expected exactly one YAML document");

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair => KeyValuePair.Create(Key(pair.Key), ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException($"unsupported YAML node at {node.Start}: {node.NodeType}"),
    };

    private static string Key(YamlNode key) =>
        key is YamlScalarNode { Value: { } value } ? value : throw new InvalidDataException($"a mapping key at {key.Start} is not a scalar");

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when IntegerPattern().IsMatch(text) => Number(long.Parse(text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)),
            _ when FloatPattern().IsMatch(text) => Number(double.Parse(text, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    // Parsed from JSON text, so that the value converts to int, long or double as a JSON number does.
    private static JsonValue Number(string json) => JsonNode.Parse(json)!.AsValue();

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
