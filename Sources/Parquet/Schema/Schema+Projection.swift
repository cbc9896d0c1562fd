extension Schema {
    /// The schema restricted to the given leaves (groups without a kept leaf are dropped; levels are
    /// unchanged because every ancestor of a kept leaf is kept).
    public func pruned(keeping leaves: [ColumnDescriptor]) throws -> Schema {
        let keep = Set(leaves.map(\.index))
        var elements: [SchemaElement] = []
        func visit(_ n: SchemaNode) -> Bool {
            if let i = n.leafIndex {
                guard keep.contains(i) else { return false }
                elements.append(n.element)
                return true
            }
            let slot = elements.count
            elements.append(n.element)
            var kept = 0
            for c in n.children where visit(c) { kept += 1 }
            if kept == 0 {
                elements.removeSubrange(slot...)
                return false
            }
            elements[slot].numChildren = Int32(kept)
            return true
        }
        var root = self.root.element
        var children: [SchemaElement] = []
        var count = 0
        for c in self.root.children {
            let before = elements.count
            if visit(c) { count += 1 } else { elements.removeSubrange(before...) }
        }
        children = elements
        root.numChildren = Int32(count)
        return try Schema(elements: [root] + children)
    }
}
