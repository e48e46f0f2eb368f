import Foundation
import Testing

@testable import Crossroads

/// A small but realistic assessment built in code, answer sets for it, and helpers for report tests.
enum ReportSamples {
    static let date = "2026-12-01"

    // MARK: The assessment

    static let assessment: Assessment = {
        let safety = Questionnaire(
            id: "safety", version: "1.0.0", title: "Safety first", description: "Safety questions.",
            reviewed: "2026-11-27",
            sections: [
                Section(
                    id: "safety.sec", title: "Right now",
                    items: [
                        Item(id: "safety.hurt", kind: .yesNo, text: "Has your ex ever hurt you physically?"),
                        Item(
                            id: "safety.phone", kind: .yesNo,
                            text: "Has your ex gone through your phone or decided who you could talk to?"),
                    ])
            ],
            flags: [
                Flag(
                    id: "safety.physical-harm", title: "Your ex has hurt you physically",
                    message: "You said your ex has hurt you physically. Even once is taken seriously.",
                    severity: .critical, category: .safety,
                    trigger: .answers([Flag.AnswerMatch(item: "safety.hurt", value: "yes")])),
                Flag(
                    id: "safety.phone-control", title: "Control over your phone or contacts",
                    message: "Your ex checked your phone or decided who you could talk to.",
                    severity: .warning, category: .safety,
                    trigger: .answers([Flag.AnswerMatch(item: "safety.phone", value: "yes")])),
            ])

        let agree = [
            Option(value: "0", label: "Not at all true", weight: 0),
            Option(value: "1", label: "A little true", weight: 1),
            Option(value: "2", label: "Partly true", weight: 2),
            Option(value: "3", label: "Mostly true", weight: 3),
            Option(value: "4", label: "Completely true", weight: 4),
        ]
        let honest = Questionnaire(
            id: "honest", version: "1.0.0", title: "Honest questions", description: "Step 4.",
            reviewed: "2026-11-27",
            sections: [
                Section(
                    id: "honest.sec", title: "Your side, their side",
                    items: [
                        Item(
                            id: "honest.pushed-away", kind: .likert,
                            text: "You can name things you did, even small ones, that pushed them away.",
                            options: agree, notePrompt: "What were they?"),
                        Item(
                            id: "honest.arguments", kind: .likert,
                            text: "You can say what your arguments were usually about.",
                            options: agree, notePrompt: "What were they about?"),
                        Item(
                            id: "honest.their-side", kind: .text,
                            text: "What was their side of it, as fairly as you can put it?"),
                    ])
            ],
            scales: [
                Scale(
                    id: "honest.ownership", title: "Seeing your own part",
                    members: [Scale.Member(item: "honest.pushed-away"), Scale.Member(item: "honest.arguments")],
                    minimumAnswered: 1,
                    bands: [
                        Band(
                            id: "low", label: "Not yet clear", meaning: "It is hard to see your own part yet.",
                            from: 0, kind: .concern),
                        Band(id: "mid", label: "Partly clear", from: 3, kind: .neutral),
                        Band(
                            id: "high", label: "Clear", meaning: "You can see your part clearly.",
                            from: 6, kind: .strength),
                    ])
            ])

        let often = [
            Option(value: "0", label: "Never", weight: 0),
            Option(value: "1", label: "Sometimes", weight: 1),
            Option(value: "2", label: "Often", weight: 2),
        ]
        let signs = Questionnaire(
            id: "signs", version: "1.0.0", title: "Signs", description: "Step 5.", reviewed: "2026-11-27",
            sections: [
                Section(
                    id: "signs.sec", title: "Signs",
                    items: [
                        Item(
                            id: "good.connection", kind: .likert, text: "You had real connection and respect.",
                            options: often),
                        Item(
                            id: "good.change", kind: .likert, text: "You can imagine a realistic, healthier version.",
                            options: often),
                        Item(
                            id: "letgo.lied", kind: .likert, text: "They lied or cheated and didn't truly change.",
                            options: often),
                        Item(
                            id: "letgo.anxious", kind: .likert,
                            text: "The thought of them coming back makes you anxious more than happy.", options: often),
                        Item(
                            id: "letgo.lost-self", kind: .yesNo,
                            text: "You lost yourself trying to make them happy.",
                            showIf: .atLeast(item: "letgo.anxious", value: 1)),
                    ])
            ],
            scales: [
                Scale(
                    id: "good", title: "Good signs",
                    members: [Scale.Member(item: "good.connection"), Scale.Member(item: "good.change")],
                    minimumAnswered: 2,
                    bands: [
                        Band(id: "few", label: "Few good signs", from: 0, kind: .concern),
                        Band(id: "some", label: "Some good signs", from: 2, kind: .neutral),
                        Band(id: "strong", label: "Strong good signs", from: 4, kind: .strength),
                    ]),
                Scale(
                    id: "letgo", title: "Signs to let go",
                    members: [
                        Scale.Member(item: "letgo.lied"), Scale.Member(item: "letgo.anxious"),
                        Scale.Member(item: "letgo.lost-self"),
                    ],
                    minimumAnswered: 1,
                    bands: [
                        Band(id: "few", label: "Few let-go signs", from: 0, kind: .strength),
                        Band(id: "some", label: "Some let-go signs", from: 2, kind: .neutral),
                        Band(id: "strong", label: "Strong let-go signs", from: 4, kind: .concern),
                    ]),
            ],
            flags: [
                Flag(
                    id: "letgo.anxious-flag", title: "More anxious than happy",
                    message: "The thought of them coming back often makes you anxious.",
                    severity: .warning, category: .relationship,
                    trigger: .answers([Flag.AnswerMatch(item: "letgo.anxious", value: "2")])),
                Flag(
                    id: "good.note", title: "You see a healthier version",
                    message: "You can picture a realistic, healthier relationship.",
                    severity: .note, category: .readiness,
                    trigger: .answers([Flag.AnswerMatch(item: "good.change", value: "2")])),
            ])

        let outcomes = [
            Outcome(
                id: "safety-first", title: "Your safety comes first",
                summary: "This is no longer mainly a question about getting back together.",
                meaning: "The most useful next step is a conversation with someone trained in safety.",
                upside: "Talking to an advocate costs nothing and commits you to nothing.",
                downside: "It can feel like a big and frightening step.",
                nextSteps: [
                    "If you are in danger right now, call your local emergency number.",
                    "When you can do it safely, contact one of the helplines listed here.",
                ],
                discuss: ["What would help you feel safer over the next few days?"],
                priority: 100, isSafety: true),
            Outcome(
                id: "let-go", title: "Letting go may be the kinder choice",
                summary: "Your answers point to signs that getting back together would bring back the same hurt.",
                meaning: "Letting go, and taking care of yourself, looks worth considering.",
                upside: "You get your energy back.", downside: "It hurts to close the door.",
                nextSteps: ["Keep no contact for now.", "Lean on friends."],
                discuss: ["What are you most afraid of losing if you let go?"],
                rule: .band(scale: "letgo", bands: ["strong"]), priority: 80),
            Outcome(
                id: "try-again-slowly", title: "Trying again, slowly, could make sense",
                summary: "There are real good signs, and you can see your own part.",
                meaning: "If you try again, go slowly and build a new relationship with the same person.",
                upside: "A chance to build something healthier.", downside: "It may still not work out.",
                nextSteps: ["Reach out calmly, with a short, light message.", "Rebuild connection slowly."],
                discuss: ["What would have to be different this time?", "How will you know if it isn't working?"],
                rule: .allOf([
                    .band(scale: "good", bands: ["strong"]),
                    .noneOf([.flagRaised("letgo.anxious-flag")]),
                ]),
                priority: 40),
            Outcome(
                id: "unclear", title: "It's not clear yet",
                summary: "Your answers don't point clearly one way.", meaning: "Give it time.",
                nextSteps: ["Come back to these questions in a few weeks."], isFallback: true),
        ]

        let resources = [
            CrisisResource(
                id: "us.ndvh", locale: "US", checked: "2026-11-20",
                name: "National Domestic Violence Hotline", about: "Free, confidential support.",
                contacts: [
                    .init(kind: .phone, value: "1-800-799-7233", label: "Call"),
                    .init(kind: .text, value: "88788", label: "Text START to 88788"),
                ]),
            CrisisResource(
                id: "us.emergency", locale: "US", checked: "2026-11-20", name: "Emergency services",
                about: "If you are in immediate danger.",
                contacts: [.init(kind: .phone, value: "911", label: "Call 911")]),
            CrisisResource(
                id: "gb.helpline", locale: "GB", checked: "2026-11-21",
                name: "National Domestic Abuse Helpline", about: "Free, confidential support.",
                contacts: [.init(kind: .phone, value: "0808 2000 247", label: "Call")]),
            CrisisResource(
                id: "au.1800respect", locale: "AU", checked: "2026-11-22", name: "1800RESPECT",
                about: "National support service.",
                contacts: [.init(kind: .phone, value: "1800 737 732", label: "Call 1800RESPECT")]),
            CrisisResource(
                id: "any.emergency", locale: "*", checked: "2026-11-23",
                name: "Your local emergency number",
                about: "If you are in immediate danger, call the emergency number where you are.",
                contacts: []),
        ]
        var assessment = Assessment(
            id: "sample", version: "1.2.0", title: "Should we get back together?", description: "A sample.",
            reviewed: "2026-11-27", questionnaires: [safety, honest, signs], outcomes: outcomes,
            resources: resources, contentHash: String(repeating: "ab", count: 32))
        // It speaks as the shipped assessment does (its `<wording>`), being about the same subject.
        assessment.wording = (try? Assessment.bundled().wording) ?? AssessmentWording()
        return assessment
    }()

    /// What the sample assessment says for a wording key; a text no report holds when it says nothing, so
    /// a test looking for it fails.
    static func wording(_ key: AssessmentWording.Key) -> String {
        assessment.wording.text(key) ?? "(no \(key.rawValue) message)"
    }

    // MARK: Answer sets

    /// Answers with these responses, for the sample assessment.
    static func answers(_ responses: [String: Response], locale: String? = "en_US.UTF-8") -> Answers {
        Answers(
            assessmentID: assessment.id, assessmentVersion: assessment.version, locale: locale, responses: responses)
    }

    /// Warm answers with a critical safety answer: the override must still win.
    static let safetyAnswers = answers([
        "safety.hurt": .yes, "safety.phone": .yes,
        "honest.pushed-away": .choice("3", note: "I stopped listening when work got busy."),
        "honest.arguments": .choice("4"),
        "good.connection": .choice("2"), "good.change": .choice("2"),
        "letgo.lied": .choice("0"), "letgo.anxious": .choice("0"),
    ])

    /// Only a warning-level safety flag.
    static let warningAnswers = answers([
        "safety.hurt": .no, "safety.phone": .yes,
        "honest.pushed-away": .choice("2"), "honest.arguments": .choice("2"),
        "good.connection": .choice("1"), "good.change": .choice("1"),
        "letgo.lied": .choice("1"), "letgo.anxious": .choice("1"), "letgo.lost-self": .no,
    ])

    /// No safety concern; strong good signs, so "try again, slowly" by its rule.
    static let hopefulAnswers = answers(
        [
            "safety.hurt": .no, "safety.phone": .no,
            "honest.pushed-away": .choice(
                "3", note: "I went quiet instead of saying what I needed.\nAnd I was jealous."),
            "honest.arguments": .choice("3", note: "Money, and his mother."),
            "honest.their-side": .text("He felt I never trusted him. That's fair, partly."),
            "good.connection": .choice("2"), "good.change": .choice("2"),
            "letgo.lied": .choice("0"), "letgo.anxious": .choice("0"),
        ], locale: "en_GB.UTF-8")

    /// No safety concern; strong let-go signs.
    static let letGoAnswers = answers(
        [
            "safety.hurt": .no, "safety.phone": .no,
            "honest.pushed-away": .choice("1"), "honest.arguments": .declined,
            "good.connection": .choice("1"), "good.change": .choice("0"),
            "letgo.lied": .choice("2"), "letgo.anxious": .choice("2"), "letgo.lost-self": .yes,
        ], locale: "en-AU")

    /// Mostly skipped: insufficient scales, the fallback outcome, no locale.
    static let sparseAnswers = answers(
        [
            "safety.hurt": .declined, "good.connection": .choice("2"),
        ], locale: nil)

    static let allAnswerSets: [(name: String, answers: Answers)] = [
        ("safety", safetyAnswers), ("warning", warningAnswers), ("hopeful", hopefulAnswers),
        ("let-go", letGoAnswers), ("sparse", sparseAnswers),
    ]

    static let names = allAnswerSets.map(\.name)

    static func answers(named name: String) -> Answers {
        allAnswerSets.first { $0.name == name }?.answers ?? sparseAnswers
    }

    static func result(_ name: String) -> ScoreResult {
        assessment.score(answers(named: name))
    }

    // MARK: Text helpers

    /// Text with every run of white space made one space, so wrapped text can be searched.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// Runs `xmllint --noout --schema` on a document; returns its exit status and messages.
enum XMLLint {
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var reportSchema: URL { packageRoot.appending(path: "Reports/report.xsd") }

    static var isAvailable: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/xmllint")
    }

    static func validate(_ xml: String, schema: URL = reportSchema) throws -> (status: Int32, output: String) {
        let directory = FileManager.default.temporaryDirectory.appending(path: "crossroads-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: "report.xml")
        try Data(xml.utf8).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xmllint")
        process.arguments = ["--noout", "--nonet", "--schema", schema.path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
