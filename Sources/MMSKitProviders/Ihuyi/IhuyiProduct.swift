/// One product of the ihuyi account, from the balance call: the product_id to send with and its balance.
public struct IhuyiProduct: Sendable, Hashable, Codable {
    /// The `product_id` a batchSend names to send under this product.
    public var productID: Int
    /// The product's name, as ihuyi gives it.
    public var productName: String
    /// What is left on the product, in ihuyi's unit for it.
    public var balance: Double

    /// A product with the given id, name and balance.
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
