/// A test over raised flags and scale bands that selects an outcome.
public indirect enum RuleCondition: Sendable, Hashable {
    /// The flag was raised.
    case flagRaised(String)
    /// The scale's band is one of these (false when the scale is insufficient).
    case band(scale: String, bands: [String])
    /// The scale had too few answers for a score.
    case insufficient(scale: String)
    /// Some raised flag has this category and this severity (`nil` matches any).
    case anyFlag(category: Flag.Category?, severity: Flag.Severity?)
    /// Every condition holds.
    case allOf([RuleCondition])
    /// At least one condition holds.
    case anyOf([RuleCondition])
    /// No condition holds.
    case noneOf([RuleCondition])
}
