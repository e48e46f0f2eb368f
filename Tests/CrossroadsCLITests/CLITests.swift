import Testing

@Test func placeholderRemovedLater() {}
