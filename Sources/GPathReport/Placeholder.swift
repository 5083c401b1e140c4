enum PlaceholderGPathReport {}
