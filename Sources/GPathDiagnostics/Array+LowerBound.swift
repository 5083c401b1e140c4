extension RandomAccessCollection where Element: Comparable, Index == Int {
    /// The index of the first element ≥ `value` in this ascending collection (`endIndex` when
    /// there is none): binary search, O(log n). Works on arrays and on array slices.
    @inlinable
    public func lowerBound(of value: Element) -> Int {
        var low = startIndex
        var high = endIndex
        while low < high {
            let mid = (low + high) / 2
            if self[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
