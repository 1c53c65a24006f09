import ArgumentParser

extension MMSKitCommand {
    struct Receipts: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Receive provider pushes (delivery receipts, uplinks, template reviews, JSMS callbacks) and read the store.",
            discussion: """
                The store is a SQLite file (--db, default receipts.sqlite) or a PostgreSQL database \
                (--db postgres://USER@HOST:PORT/DB). Exit status: 0 success, 2 the database cannot be used, 64 usage.
                """,
            subcommands: [Serve.self, Stats.self, List.self, Export.self, Replay.self]
        )
    }
}
