/// A place to get help, for one locale, and when its details were last checked.
public struct CrisisResource: Sendable, Hashable, Identifiable {
    /// A way to reach a resource.
    public struct Contact: Sendable, Hashable {
        /// How a contact is made.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            /// A phone number to call.
            case phone
            /// A number to text.
            case text
            /// A web address.
            case web
        }

        /// Phone, text or web.
        public var kind: Kind
        /// The number or address.
        public var value: String
        /// How to use it ("Call any time", "Text START").
        public var label: String

        /// Creates a contact.
        public init(kind: Kind, value: String, label: String) {
            self.kind = kind
            self.value = value
            self.label = label
        }
    }

    /// The resource's id.
    public var id: String
    /// Where it applies: `en-US`, a region alone (`GB`), or `*` for everywhere else.
    public var locale: String
    /// When its details were last checked (`YYYY-MM-DD`).
    public var checked: String
    /// Its name.
    public var name: String
    /// What it offers.
    public var about: String
    /// How to reach it.
    public var contacts: [Contact]
    /// Where it is in its source file.
    public var location: SourceLocation?
    /// What kind of help it is (`crisis`, say), so a flag can ask for that kind first; `nil` for any.
    public var topic: String?
    /// Where its number or address was confirmed (a public web page), if recorded.
    public var source: String?

    /// Creates a resource.
    public init(
        id: String, locale: String, checked: String, name: String, about: String, contacts: [Contact],
        location: SourceLocation? = nil
    ) {
        self.location = location
        self.id = id
        self.locale = locale
        self.checked = checked
        self.name = name
        self.about = about
        self.contacts = contacts
    }
}
