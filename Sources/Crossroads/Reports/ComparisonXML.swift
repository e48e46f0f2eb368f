extension Comparison {
    /// The comparison format's namespace.
    public static let namespace = "urn:crossroads:comparison:1"

    /// The comparison as an XML document valid against `Reports/comparison.xsd`, ending in a newline.
    ///
    /// - Throws: ``CrossroadsError/unwritable(path:reason:)`` if libxml2 fails to write.
    public func xml() throws(CrossroadsError) -> String {
        do {
            return try XMLWriter.document { writer in try ComparisonXMLBuilder(writer: writer, comparison: self).write()
            }
        } catch {
            throw CrossroadsError.unwritable(path: "<comparison>", reason: String(describing: error))
        }
    }

    /// The comparison as a printable, self-contained HTML page, made from ``xml()`` by the shipped
    /// stylesheet `Reports/comparison-html.xsl` (safety first, paired bars for each scale), applied with
    /// libxslt under the same security preferences as ``HTMLReport``.
    ///
    /// - Throws: what ``xml()`` throws, or ``CrossroadsError/invalid(path:diagnostics:)`` if the
    ///   stylesheet fails.
    public func html() throws(CrossroadsError) -> String {
        try Self.html(fromXML: try xml())
    }

    /// Makes the HTML page from a comparison's XML (validated against `Reports/comparison.xsd` first).
    public static func html(fromXML xml: String, path: String = "<comparison>") throws(CrossroadsError) -> String {
        try HTMLReport.transform(
            xml, path: path, stylesheet: "Reports/comparison-html.xsl",
            check: { Validator.checkComparison($0, path: $1) })
    }
}

extension Validator {
    /// Checks a comparison document against the shipped comparison schema.
    public static func checkComparison(_ xml: String, path: String = "<comparison>") -> [Diagnostic] {
        SafeXMLReader.validate(
            xml, path: path, schema: .comparison,
            roots: [SafeXMLReader.Root(namespace: Comparison.namespace, name: "comparison")], kind: "comparison")
    }
}

/// Writes a ``Comparison`` as XML.
struct ComparisonXMLBuilder {
    let writer: XMLWriter
    let comparison: Comparison

    func write() throws {
        try writer.element("comparison", namespace: Comparison.namespace, attributes: [("format-version", "1")]) {
            try take("earlier", comparison.earlier)
            try take("later", comparison.later)
            try safety()
            try writer.element(
                "outcome",
                attributes: [
                    ("changed", comparison.earlier.outcomeID == comparison.later.outcomeID ? "false" : "true")
                ])
            try scales()
            try writer.element("changed-answers") {
                for change in comparison.changedAnswers {
                    try writer.element("answer", attributes: [("item", change.item)]) {
                        try writer.element("question", text: change.question)
                        try writer.element("earlier", text: change.earlier)
                        try writer.element("later", text: change.later)
                    }
                }
            }
            try notes()
            try writer.element("not-compared") {
                for line in comparison.notCompared { try writer.element("entry", text: line) }
            }
        }
    }

    private func take(_ which: String, _ take: Comparison.Take) throws {
        try writer.element(
            which,
            attributes: [
                ("date", take.date), ("assessment-id", take.assessmentID), ("assessment-version", take.version),
                ("source", take.isReport ? "report" : "answers"),
                ("safety-first", take.safetyFirst ? "true" : "false"),
            ]
        ) {
            try writer.element("outcome", attributes: [("id", take.outcomeID)], text: take.outcomeTitle)
        }
    }

    private func safety() throws {
        let earlier = Set(comparison.earlier.safetyConcerns.map(\.id))
        let later = Set(comparison.later.safetyConcerns.map(\.id))
        var seen = Set<String>()
        let all = (comparison.later.safetyConcerns + comparison.earlier.safetyConcerns).filter {
            seen.insert($0.id).inserted
        }
        try writer.element("safety", attributes: [("concern", comparison.hasSafetyConcern ? "true" : "false")]) {
            for concern in all {
                try writer.element(
                    "concern",
                    attributes: [
                        ("flag", concern.id), ("earlier", earlier.contains(concern.id) ? "true" : "false"),
                        ("later", later.contains(concern.id) ? "true" : "false"),
                    ], text: concern.title)
            }
            if !comparison.concernsNoLongerRaised.isEmpty {
                try writer.element("no-longer-raised", text: Comparison.noLongerRaisedIsNotSafe)
            }
            for note in comparison.safetyNotes {
                try writer.element("note", attributes: [("take", note.take)], text: note.text)
            }
            if comparison.hasSafetyConcern {
                try writer.element("emergency", text: ReportWording.emergency)
            }
        }
    }

    private func scales() throws {
        try writer.element("scales") {
            for change in comparison.scaleChanges {
                try writer.element(
                    "scale",
                    attributes: [
                        ("id", change.later.id), ("direction", change.direction.rawValue),
                        ("crossed-band", change.crossedBand ? "true" : "false"),
                    ]
                ) {
                    try writer.element("title", text: change.later.title)
                    try state("earlier", change.earlier)
                    try state("later", change.later)
                }
            }
        }
    }

    private func state(_ which: String, _ state: Comparison.ScaleState) throws {
        try writer.element(
            which,
            attributes: [
                ("score", state.score.map(\.description)),
                ("minimum", state.minimum.description),
                ("maximum", state.maximum.description),
                ("normalised", state.normalised.flatMap { XMLWriter.decimal(min(max($0, 0), 1)) }),
                ("percent", state.normalised.map { String(ReportContent.percent($0)) }),
                ("band", state.band?.id),
            ]
        ) {
            try writer.optionalElement("band-label", text: state.band?.title)
        }
    }

    private func notes() throws {
        try writer.element("notes") {
            let items = Comparison.unique(comparison.earlier.notes.map(\.item) + comparison.later.notes.map(\.item))
            for item in items {
                let then = comparison.earlier.notes.first { $0.item == item }
                let now = comparison.later.notes.first { $0.item == item }
                try writer.element("note", attributes: [("item", item)]) {
                    try writer.element("question", text: now?.question ?? then?.question ?? item)
                    try writer.optionalElement("earlier", text: then?.words)
                    try writer.optionalElement("later", text: now?.words)
                }
            }
        }
    }
}
