using BenchmarkDotNet.Running;
using HealthGate.Benchmarks;

BenchmarkSwitcher.FromAssembly(typeof(CheckRunnerBenchmarks).Assembly).Run(args);
