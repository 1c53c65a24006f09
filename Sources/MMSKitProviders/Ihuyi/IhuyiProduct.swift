/// One product of the ihuyi account, from the balance call: the product_id to send with and its balance.
public struct IhuyiProduct: Sendable, Hashable, Codable {
    public var productID: Int
    public var productName: String
    public var balance: Double

    public init(productID: Int, productName: String, balance: Double) {
        self.productID = productID
        self.productName = productName
        self.balance = balance
    }

    enum CodingKeys: String, CodingKey {
        case productID = "product_id"
        case productName = "product_name"
        case balance
    }
}
