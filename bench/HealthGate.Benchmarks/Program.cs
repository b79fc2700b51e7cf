using BenchmarkDotNet.Running;
using HealthGate.Benchmarks;

CheckExecutions.Reset();
BenchmarkSwitcher.FromAssembly(typeof(CheckRunnerBenchmarks).Assembly).Run(args);
