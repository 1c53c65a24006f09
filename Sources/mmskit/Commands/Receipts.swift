import ArgumentParser

extension MMSKitCommand {
    struct Receipts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read the provider pushes (delivery receipts, uplinks, template reviews) kept in the store.",
            discussion: """
                The store is a SQLite file (--db, default receipts.sqlite) or a PostgreSQL database \
                (--db postgres://USER@HOST:PORT/DB). Exit status: 0 success, 2 the database cannot be used, 64 usage.
                """,
            subcommands: [Stats.self, List.self, Export.self]
        )
    }
}
