using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Serilog.Events;

namespace HealthGate.Tests.Infrastructure;

/// <summary>Keeps every log event in memory, with its structured properties, so tests can assert on them.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public IReadOnlyList<LogEntry> WithEventId(int id) => [.. _entries.Where(e => e.EventId.Id == id)];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // Through Serilog (the service's pipeline) the state is Serilog's event; through a plain LoggerFactory, the message's pairs.
            var properties = state switch
            {
                LogEvent serilog => serilog.Properties.ToDictionary(p => p.Key, p => p.Value is ScalarValue scalar ? scalar.Value : p.Value.ToString()),
                IEnumerable<KeyValuePair<string, object?>> pairs => pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value),
                _ => [],
            };
            entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), properties));
        }
    }
}

public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Properties)
{
    public string? this[string property] => Properties.TryGetValue(property, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
