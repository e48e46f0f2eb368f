import CCrossroads
import Crossroads

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The C entry points declared in include/crossroads.h, which documents each one's contract (ownership,
// statuses, thread safety). Each is a thin wrapper over the Crossroads library's public API: it checks
// its arguments, calls the library, and turns every error into a `crossroads_error`; nothing throws or
// traps across the boundary.

/// The engine's version as a C string, made once and kept for the life of the process.
private nonisolated(unsafe) let versionCString: UnsafeMutablePointer<CChar>? = CString.copy(Scorer.engineVersion)

/// `crossroads_version`: the engine's version (a static string; the caller never frees it).
@_cdecl("crossroads_version")
public func crossroads_version() -> UnsafePointer<CChar> {
    if let versionCString { return UnsafePointer(versionCString) }
    return UnsafeRawPointer(StaticString("unknown").utf8Start).assumingMemoryBound(to: CChar.self)
}

/// `crossroads_abi_version`: the ABI version this library implements (`CROSSROADS_ABI_VERSION`).
@_cdecl("crossroads_abi_version")
public func crossroads_abi_version() -> Int32 {
    Int32(CROSSROADS_ABI_VERSION)
}

/// `crossroads_assessment_bundled`: a bundled assessment by id (NULL: the shipped one), or NULL and an error.
@_cdecl("crossroads_assessment_bundled")
public func crossroads_assessment_bundled(
    _ id: UnsafePointer<CChar>?, _ error: UnsafeMutablePointer<UnsafeMutablePointer<crossroads_error>?>?
) -> OpaquePointer? {
    answer(error) { () throws(CFailure) -> OpaquePointer in
        let name = try CString.argument(id, named: "the assessment id") ?? Assessment.defaultBundledID
        do throws(CrossroadsError) {
            return AssessmentHandle(try Assessment.bundled(name)).retained()
        } catch {
            throw CFailure(error)
        }
    }
}

/// `crossroads_assessment_load`: loads and checks an assessment document and the questionnaires it may use.
@_cdecl("crossroads_assessment_load")
public func crossroads_assessment_load(
    _ xml: UnsafePointer<CChar>?, _ length: Int,
    _ includes: UnsafePointer<UnsafePointer<CChar>?>?, _ includeLengths: UnsafePointer<Int>?, _ includeCount: Int,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<crossroads_error>?>?
) -> OpaquePointer? {
    answer(error) { () throws(CFailure) -> OpaquePointer in
        let document = try CString.bytes(xml, length: length, named: "the assessment xml")
        guard includeCount >= 0 else { throw .badArgument("include_count is too large") }
        if includeCount > 0 && (includes == nil || includeLengths == nil) {
            throw .badArgument("includes and include_lengths must not be NULL when include_count is not 0")
        }
        var questionnaires: [(name: String, bytes: [UInt8])] = []
        if let includes, let includeLengths {
            for index in 0..<includeCount {
                let name = "includes[\(index)]"
                questionnaires.append(
                    (name, try CString.bytes(includes[index], length: includeLengths[index], named: name)))
            }
        }
        var loader = AssessmentLoader()
        do throws(CrossroadsError) {
            for questionnaire in questionnaires {
                try loader.addQuestionnaire(bytes: questionnaire.bytes, path: "<\(questionnaire.name)>")
            }
            return AssessmentHandle(try loader.load(bytes: document, path: "<assessment>")).retained()
        } catch {
            throw CFailure(error)
        }
    }
}

/// `crossroads_score`: scores an answers document and renders the report, or NULL and an error.
@_cdecl("crossroads_score")
public func crossroads_score(
    _ assessment: OpaquePointer?, _ answersXML: UnsafePointer<CChar>?, _ length: Int,
    _ format: UnsafePointer<CChar>?, _ width: Int32, _ date: UnsafePointer<CChar>?,
    _ reportLength: UnsafeMutablePointer<Int>?,
    _ error: UnsafeMutablePointer<UnsafeMutablePointer<crossroads_error>?>?
) -> UnsafeMutablePointer<CChar>? {
    reportLength?.pointee = 0
    return answer(error) { () throws(CFailure) -> UnsafeMutablePointer<CChar> in
        guard let handle = AssessmentHandle.borrow(assessment) else { throw .badArgument("the assessment is NULL") }
        let bytes = try CString.bytes(answersXML, length: length, named: "answers_xml")
        guard let formatName = try CString.argument(format, named: "the format") else {
            throw .badArgument("the format is NULL")
        }
        guard let reportFormat = ReportFormat(rawValue: formatName) else {
            let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            throw .badArgument("unknown report format \"\(printable(formatName))\"; the formats are: \(known)")
        }
        guard width == 0 || (20...1000).contains(width) else {
            throw .badArgument("the width must be 0 (meaning 80) or between 20 and 1000, not \(width)")
        }
        let reportDate = try CString.argument(date, named: "the date") ?? ReportDate.today()
        guard ReportDate.isValid(reportDate) else {
            throw .badArgument(
                "the date must be a date written YYYY-MM-DD, such as 2026-11-27, not \"\(printable(reportDate))\"")
        }
        let report: String
        do throws(CrossroadsError) {
            let (answers, _) = try AnswersReader.read(bytes: bytes, path: "<answers>", for: handle.assessment)
            let result = handle.scorer.score(answers)
            report = try reportFormat.render(result, date: reportDate, width: width == 0 ? 80 : Int(width))
        } catch {
            throw CFailure(error)
        }
        guard let copy = CString.copy(report) else { throw .outOfMemory }
        reportLength?.pointee = report.utf8.count
        return copy
    }
}

/// `crossroads_string_free`: frees a report (it was allocated with malloc).
@_cdecl("crossroads_string_free")
public func crossroads_string_free(_ string: UnsafeMutablePointer<CChar>?) {
    free(string)
}

/// `crossroads_error_free`: frees an error and its message.
@_cdecl("crossroads_error_free")
public func crossroads_error_free(_ error: UnsafeMutablePointer<crossroads_error>?) {
    guard let error else { return }
    free(error.pointee.message)
    free(error)
}

/// `crossroads_assessment_free`: releases an assessment handle.
@_cdecl("crossroads_assessment_free")
public func crossroads_assessment_free(_ assessment: OpaquePointer?) {
    AssessmentHandle.release(assessment)
}

/// Runs `body`; on success clears `*error` and returns its value, on failure stores the error and returns nil.
private func answer<Value>(
    _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<crossroads_error>?>?, _ body: () throws(CFailure) -> Value
) -> Value? {
    do throws(CFailure) {
        let value = try body()
        errorOut?.pointee = nil
        return value
    } catch {
        error.store(in: errorOut)
        return nil
    }
}

/// A caller's argument, quoted in a message: control, format (bidi) and separator characters and quotes
/// shown as escapes, cut to 60 characters.
private func printable(_ text: String) -> String {
    let escaped: Set<Unicode.GeneralCategory> = [.control, .format, .lineSeparator, .paragraphSeparator]
    let shown = text.unicodeScalars.prefix(60).map { scalar -> String in
        escaped.contains(scalar.properties.generalCategory) || scalar == "\""
            ? scalar.escaped(asASCII: true)
            : String(scalar)
    }.joined()
    return text.unicodeScalars.count > 60 ? shown + "…" : shown
}
