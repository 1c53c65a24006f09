/// The help of the commands that `mmskit` hands to `mmskit-server` (everything that goes on the network), shared so
/// that `mmskit --help` lists them with the words the server executable's own help uses.
public enum ServerCommandHelp {
    /// The name of the executable, beside `mmskit`, that runs the receiver and reads the store.
    public static let executableName = "mmskit-server"
    /// The environment variable naming another server executable.
    public static let executableVariable = "MMSKIT_SERVER"

    public static let reportAbstract =
        "Report on sent campaigns: the funnel, failures by code, delivery time, chunks and replies (text, JSON or HTML)."
    public static let reportDiscussion = """
        Reads the send journals, their phone lists and, with --db, the store `receipts serve` wrote \
        (`mmskit report --help` for the options).
        """
    public static let optOutAbstract =
        "The suppression list: numbers that opted out (a reply such as T or 退订, a complaint, an import) get no campaign."
    public static let optOutDiscussion = """
        Subcommands: list, add, remove, import, export, scan (`mmskit optout SUBCOMMAND --help`). The list is kept in the \
        store `receipts serve` writes (--db, default receipts.sqlite, or postgres://…), one entry per number across \
        every provider; the receiver adds a number when its reply is an opt-out keyword, in the reply's transaction.
        """

    public static let receiptsAbstract =
        "Receive provider pushes (delivery receipts, uplinks, template reviews, JSMS callbacks) and read the store."
    public static let receiptsDiscussion = """
        Subcommands: serve, stats, list, export, replay (`mmskit receipts SUBCOMMAND --help`). The store is a SQLite \
        file (--db, default receipts.sqlite) or a PostgreSQL database (--db postgres://USER@HOST:PORT/DB). \
        Exit status: 0 success, 2 the database cannot be used, 64 usage.
        """
    public static let templateStatusAbstract =
        "Show the review result the provider pushed for a template (from the receiver's store)."

    public static let sandboxAbstract =
        "Run ihuyi, JPush JSMS, itniotech and SendPulse on this machine, pushes included: try a whole campaign without an account."
    public static let sandboxDiscussion = """
        The first stdout line is 'sandbox on http://HOST:PORT'; point a provider command's --base-url (or a \
        credentials profile's base_url) at it. Pushes (receipts, uplinks, reviews, JSMS callbacks) go to \
        --callback-url, the base of `mmskit receipts serve`. /_sandbox/ shows its state; /_sandbox/state as JSON. \
        Numbers 1990000xxxx have fixed outcomes (0001 empty number, 0002 blacklisted, 0003 handset off, 0004 late \
        receipt, 0005 replies T). SIGTERM or SIGINT stops it (exit 0).
        """

    public static let templateAbstract = "Create, show, update or delete provider templates, or show a review result."
    public static let sendAbstract = "Send a campaign to a phone list, in journaled chunks that are never sent twice."
    public static let balanceAbstract =
        "Show the account balance: ihuyi products (their product_id is what send needs), JPush quotas, itniotech's balance, gift and credit, or SendPulse's balance fields."
    public static let recordsAbstract = "Look up send records by id (itniotech email send records)."
}
