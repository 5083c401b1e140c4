extension Array where Element: Comparable {
    /// The index of the first element ≥ `value` in this ascending array (`count` when there is
    /// none): binary search, O(log n).
    public func lowerBound(of value: Element) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
