import Foundation
import Testing

@testable import Crossroads

/// Writes sample reports to a folder named by REPORT_SAMPLES, for reading them as a person would.
@Test(.enabled(if: ProcessInfo.processInfo.environment["REPORT_SAMPLES"] != nil))
func reportSampleDump() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["REPORT_SAMPLES"] ?? "/tmp")
    for (name, answers) in ReportSamples.allAnswerSets {
        let result = ReportSamples.assessment.score(answers)
        for width in [40, 60, 80] {
            try Data(TextReport(result, date: ReportSamples.date).render(width: width).utf8)
                .write(to: folder.appending(path: "\(name)-\(width).txt"))
        }
        try Data(XMLReport(result, date: ReportSamples.date).render().utf8).write(
            to: folder.appending(path: "\(name).xml"))
    }
}

/// Answers to the bundled assessment that lean the way `direction` says, for reading sample reports.
enum BundledSamples {
    /// +1 for scales where more is hopeful, −1 where less is.
    static let direction: [String: Double] = [
        "now.rebuilding": 1, "honest.ownership": 1, "honest.change": 1, "signs.good": 1, "sure.score": 1,
        "honest.reflection": 0.2, "signs.let-go": -1, "motive.loneliness": -1, "honest.their-patterns": -0.5,
    ]

    static func hopeful(_ assessment: Assessment, locale: String) -> Answers {
        var answers = Answers(for: assessment, locale: locale)
        for item in assessment.items {
            if item.id.hasPrefix("safety.") {
                answers[item.id] = item.id == "safety.safe-now" ? .choice("yes") : (item.kind == .yesNo ? .no : nil)
                continue
            }
            switch item.id {
            case "now.breakup-time": answers[item.id] = .choice("three-to-twelve-months")
            case "now.last-contact": answers[item.id] = .choice("over-six-weeks")
            case "now.reaching-out", "now.checking": answers[item.id] = .choice("0")
            case "honest.your-patterns":
                answers[item.id] = .chosen(
                    ["distant", "defensive"],
                    note: "I shut down when we argued, and then I'd act like nothing was wrong.")
            default:
                var best = item.options.first?.value ?? ""
                var bestScore = -Double.infinity  // ranking only
                for option in item.options {
                    var score = 0.0
                    for scale in assessment.scales {
                        for member in scale.members where member.item == item.id {
                            let weights = item.options.map(\.weight)
                            let points =
                                member.reverse
                                ? (weights.min() ?? 0) + (weights.max() ?? 0) - option.weight : option.weight
                            score += (direction[scale.id] ?? 0) * points.doubleValue
                        }
                    }
                    if score > bestScore { (best, bestScore) = (option.value, score) }
                }
                if item.kind == .text {
                    answers[item.id] = .text("Some words.")
                } else {
                    answers[item.id] = .choice(best)
                }
            }
        }
        answers["honest.pushed-away"] = .choice(
            answers["honest.pushed-away"]?.values.first ?? "3",
            note: "I stopped listening when work got busy. I told myself it was temporary.")
        answers["honest.change-specific"] = .choice(
            answers["honest.change-specific"]?.values.first ?? "3",
            note: "We'd talk about money before it turned into a fight, not after.")
        return answers
    }
}

@Test(.enabled(if: ProcessInfo.processInfo.environment["REPORT_SAMPLES"] != nil))
func reportBundledSampleDump() throws {
    let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["REPORT_SAMPLES"] ?? "/tmp")
    let assessment = try Assessment.bundled("should-we-get-back-together")
    let hopeful = BundledSamples.hopeful(assessment, locale: "en_GB.UTF-8")
    var unsafe = BundledSamples.hopeful(assessment, locale: "en_US.UTF-8")
    unsafe["safety.choked"] = .yes
    unsafe["safety.afraid"] = .yes
    unsafe["safety.fear-for-life"] = .no
    unsafe["safety.phone"] = .yes
    unsafe["safety.worse"] = .declined
    for (name, answers) in [("bundled-hopeful", hopeful), ("bundled-safety", unsafe)] {
        let result = assessment.score(answers)
        for width in [40, 60, 80] {
            try Data(TextReport(result, date: ReportSamples.date).render(width: width).utf8)
                .write(to: folder.appending(path: "\(name)-\(width).txt"))
        }
        try Data(XMLReport(result, date: ReportSamples.date).render().utf8).write(
            to: folder.appending(path: "\(name).xml"))
    }
}
