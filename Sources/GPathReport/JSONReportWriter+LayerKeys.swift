extension JSONReportWriter {
    /// The member keys of a layer object and of its `location`, rendered once per report
    /// for the depth layers are written at (``JSONStreamWriter/RenderedKey``).
    struct LayerKeys {
        let channels, groups, index, location, longestPath, macs, op, params: JSONStreamWriter.RenderedKey
        let pathCountByLength, shape, shortestPath, timestampCount, timestampProgressions, timestamps, units: JSONStreamWriter.RenderedKey
        /// The members of `location`, one level deeper.
        let column, line: JSONStreamWriter.RenderedKey

        /// - Parameter depth: the writer's depth inside a layer object.
        init(for out: borrowing JSONStreamWriter, depth: Int) {
            func key(_ text: StaticString, _ nesting: Int = 0) -> JSONStreamWriter.RenderedKey {
                out.render(text, depth: depth + nesting)
            }
            channels = key("channels")
            groups = key("groups")
            index = key("index")
            location = key("location")
            longestPath = key("longest_path")
            macs = key("macs")
            op = key("op")
            params = key("params")
            pathCountByLength = key("path_count_by_length")
            shape = key("shape")
            shortestPath = key("shortest_path")
            timestampCount = key("timestamp_count")
            timestampProgressions = key("timestamp_progressions")
            timestamps = key("timestamps")
            units = key("units")
            column = key("column", 1)
            line = key("line", 1)
        }
    }
}
