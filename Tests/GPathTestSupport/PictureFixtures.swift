/// Inputs shared by the picture tests (DOT writer, in-process rendering).
public enum PictureFixtures {
    /// Graph JSON whose names need every kind of quoting: spaces, double and single quotes,
    /// dots, a backslash, HTML markup, unicode and DOT keywords (`node`, `edge`); with a
    /// partial add and a stop-gradient edge.
    public static let nastyNamesJSON = #"""
    {"name": "nasty \"names\"",
     "nodes": [{"id": "in put", "op": "input", "channels": 4},
               {"id": "stage 1.conv \"a\"", "op": "conv", "channels": 4},
               {"id": "back\\slash.layer", "op": "conv", "channels": 4},
               {"id": "ünï.cødé λ", "op": "conv", "channels": 4},
               {"id": "node", "op": "conv", "channels": 4},
               {"id": "<b>&amp;</b> it's", "op": "add"},
               {"id": "edge", "op": "loss"}],
     "edges": [{"src": "in put", "dst": "stage 1.conv \"a\""},
               {"src": "stage 1.conv \"a\"", "dst": "back\\slash.layer"},
               {"src": "back\\slash.layer", "dst": "ünï.cødé λ"},
               {"src": "stage 1.conv \"a\"", "dst": "ünï.cødé λ", "stop_gradient": true},
               {"src": "ünï.cødé λ", "dst": "node", "src_slice": [0, 4]},
               {"src": "node", "dst": "<b>&amp;</b> it's"},
               {"src": "stage 1.conv \"a\"", "dst": "<b>&amp;</b> it's", "src_slice": [0, 2], "dst_slice": [2, 4]},
               {"src": "<b>&amp;</b> it's", "dst": "edge"}]}
    """#

    /// The weighted layer names of ``nastyNamesJSON``.
    public static let nastyLayerNames = ["stage 1.conv \"a\"", "back\\slash.layer", "ünï.cødé λ", "node"]
}
