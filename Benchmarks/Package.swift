// swift-tools-version: 6.1
// In-process benchmarks of the Crossroads library (reading, scoring, each report, a batch), with
// ordo-one/benchmark. Not part of `swift test` or .ci/run: run `swift package benchmark` in this folder
// (see the README's "Benchmarks" section; `.ci/bench` times the command-line tool against xmllint).
import PackageDescription

let package = Package(
    name: "CrossroadsBenchmarks",
    dependencies: [
        .package(name: "Crossroads", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "CrossroadsBenchmarks",
            dependencies: [
                .product(name: "Crossroads", package: "Crossroads"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CrossroadsBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
