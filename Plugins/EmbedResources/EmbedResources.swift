import Foundation
import PackagePlugin

/// Embeds the shipped questionnaires and schemas (`Questionnaires/`, `Reports/`)
/// in the library as a generated Swift source, so the tool carries them wherever
/// its binary goes. The folders stay the one source of truth.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in ["Questionnaires", "Reports"] {
            let base = root.appending(path: folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else {
                continue
            }
            for case let url as URL in walker where ["xml", "xsd", "xsl", "txt"].contains(url.pathExtension) {
                inputs.append(url)
            }
        }
        inputs.sort { $0.path < $1.path }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        let tool = try context.tool(named: "CrossroadsEmbed")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) shipped files",
                executable: tool.url,
                arguments: [root.path, output.path] + inputs.map(\.path),
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
