enum PlaceholderGPathAnalysis {}
