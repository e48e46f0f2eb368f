// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Crossroads",
    products: [
        .library(name: "Crossroads", targets: ["Crossroads"]),
        .executable(name: "crossroads", targets: ["CrossroadsCLI"]),
        // libCrossroadsC.so: the C interface, Sources/CrossroadsC/include/crossroads.h (Bindings/ uses it).
        .library(name: "CrossroadsC", type: .dynamic, targets: ["CrossroadsC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // libxml2 through the system library; only Sources/Crossroads/XML imports it.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // libxslt (libxml2's companion) for the HTML pages; only Sources/Crossroads/XML/XSLTransform.swift imports it.
        .systemLibrary(
            name: "CLibXSLT",
            pkgConfig: "libxslt",
            providers: [.apt(["libxslt1-dev"]), .brew(["libxslt"])]
        ),
        // The build tool that turns Questionnaires/ and Reports/ into a Swift source,
        // so the shipped XML and XSDs travel inside the binary.
        .executableTarget(name: "CrossroadsEmbed", path: "Sources/CrossroadsEmbed"),
        .plugin(
            name: "EmbedResources",
            capability: .buildTool(),
            dependencies: ["CrossroadsEmbed"]
        ),
        .target(
            name: "Crossroads",
            dependencies: ["CLibXML2", "CLibXSLT"],
            plugins: ["EmbedResources"]
        ),
        // The C library: @_cdecl entry points over the public API. Its header is also a module
        // (CCrossroads) so the Swift side implements the header's own types.
        .systemLibrary(name: "CCrossroads", path: "Sources/CrossroadsC/include"),
        .target(
            name: "CrossroadsC",
            dependencies: ["Crossroads", "CCrossroads"],
            exclude: ["include"]
        ),
        .executableTarget(
            name: "CrossroadsCLI",
            dependencies: [
                "Crossroads",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Fuzz targets (libFuzzer; see .ci/fuzz). A normal build makes replayers: TARGET FILE...
        .target(name: "FuzzSupport", path: "Sources/FuzzSupport"),
        .executableTarget(name: "FuzzQuestionnaire", dependencies: ["Crossroads", "FuzzSupport"]),
        .executableTarget(name: "FuzzAnswers", dependencies: ["Crossroads", "FuzzSupport"]),
        .executableTarget(name: "FuzzScoreAndRender", dependencies: ["Crossroads", "FuzzSupport"]),
        .executableTarget(name: "FuzzBatch", dependencies: ["Crossroads", "FuzzSupport"]),
        .testTarget(
            name: "CrossroadsTests",
            dependencies: [
                "Crossroads",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "CrossroadsCTests",
            dependencies: ["CrossroadsC", "CCrossroads", "Crossroads"]
        ),
        .testTarget(
            name: "CrossroadsCLITests",
            dependencies: ["Crossroads"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
