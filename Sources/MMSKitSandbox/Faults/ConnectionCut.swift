/// Thrown by an answer's body to cut the connection when a fault says so; not an error of the sandbox.
struct ConnectionCut: Error {}
