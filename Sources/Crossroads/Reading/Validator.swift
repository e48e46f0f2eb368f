/// Checks questionnaire and assessment files the way `crossroads validate` does: schema, then every
/// semantic rule, reporting all problems at once.
public enum Validator {
    /// The result of checking one file.
    public struct FileCheck: Sendable, Hashable {
        /// Whether a file passed.
        public enum Status: Sendable, Hashable {
            /// No errors (there may be warnings).
            case valid
            /// The file was read but has errors.
            case invalid
            /// The file could not be opened or read.
            case unreadable
        }

        /// The file's path, as given.
        public var path: String
        /// Valid, invalid or unreadable.
        public var status: Status
        /// Every error and warning, in order.
        public var diagnostics: [Diagnostic]
        /// What the file is, when it could be read (`assessment should-we-get-back-together 1.0.0`).
        public var summary: String?
    }

    /// Checks each file. Questionnaires among `paths` are available to the assessments among them (and
    /// take precedence over bundled questionnaires with the same id and version).
    public static func check(files paths: [String]) -> [FileCheck] {
        var documents: [String: Result<LoadedDocument, CrossroadsError>] = [:]
        var conflicts: [String: Diagnostic] = [:]
        var loader = AssessmentLoader()
        for path in paths where documents[path] == nil {
            do throws(CrossroadsError) {
                let document = try LoadedDocument.read(path: path)
                if let conflict = loader.add(document) { conflicts[path] = conflict }
                documents[path] = .success(document)
            } catch {
                documents[path] = .failure(error)
            }
        }
        return paths.map { path in
            guard let outcome = documents[path] else {
                return FileCheck(path: path, status: .unreadable, diagnostics: [], summary: nil)
            }
            switch outcome {
            case .failure(let error):
                return failed(path, error)
            case .success(let document):
                var check = check(document, loader: loader)
                if let conflict = conflicts[path] {
                    check.diagnostics.insert(conflict, at: 0)
                    check.status = .invalid
                }
                return check
            }
        }
    }

    private static func check(_ document: LoadedDocument, loader: AssessmentLoader) -> FileCheck {
        switch document.document {
        case .questionnaire(let questionnaire):
            var checker = SemanticChecker(leafLocations: document.leafLocations, fallbackLocation: document.location)
            checker.check(questionnaire: questionnaire)
            let diagnostics = AssessmentLoader.unique(document.warnings + checker.diagnostics)
            let summary =
                "questionnaire \(questionnaire.id) \(questionnaire.version), \(count(questionnaire.items.count, "question"))"
            return FileCheck(
                path: document.path, status: diagnostics.hasErrors ? .invalid : .valid,
                diagnostics: diagnostics, summary: summary)
        case .assessment:
            do throws(CrossroadsError) {
                let (assessment, warnings) = try loader.load(document)
                let summary =
                    "assessment \(assessment.id) \(assessment.version), \(count(assessment.questionnaires.count, "questionnaire")), \(count(assessment.items.count, "question"))"
                return FileCheck(path: document.path, status: .valid, diagnostics: warnings, summary: summary)
            } catch {
                return failed(document.path, error)
            }
        }
    }

    /// "1 question", "2 questions": a count with its noun in correct English (nouns here take an s).
    static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private static func failed(_ path: String, _ error: CrossroadsError) -> FileCheck {
        switch error {
        case .unreadable(_, let reason):
            return FileCheck(
                path: path, status: .unreadable,
                diagnostics: [Diagnostic(.error, "cannot read this file: \(reason)", at: nil, file: path)],
                summary: nil)
        case .invalid(_, let diagnostics):
            return FileCheck(path: path, status: .invalid, diagnostics: diagnostics, summary: nil)
        case .unwritable(_, let reason), .notFound(let reason):
            return FileCheck(
                path: path, status: .invalid, diagnostics: [Diagnostic(.error, reason, at: nil, file: path)],
                summary: nil)
        }
    }
}

extension Validator {
    /// Checks an XML report against the shipped report schema; returns every problem (none when valid).
    public static func checkReport(_ xml: String, path: String = "<report>") -> [Diagnostic] {
        SafeXMLReader.validate(
            xml, path: path, schema: .report,
            roots: [SafeXMLReader.Root(namespace: "urn:crossroads:report:1", name: "report")], kind: "report")
    }

    /// Checks an answers document against the shipped answers schema only (not against an assessment).
    public static func checkAnswersSchema(_ xml: String, path: String = "<answers>") -> [Diagnostic] {
        SafeXMLReader.validate(
            xml, path: path, schema: .answers,
            roots: [SafeXMLReader.Root(namespace: AnswersReader.namespace, name: "answers")], kind: "answers file")
    }
}
