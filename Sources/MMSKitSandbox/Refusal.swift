/// A refusal decided inside a ledger change, carrying the answer to give; not a failure of the sandbox.
struct Refusal: Error {
    var answer: ProviderAnswer
    init(_ answer: ProviderAnswer) { self.answer = answer }
}
