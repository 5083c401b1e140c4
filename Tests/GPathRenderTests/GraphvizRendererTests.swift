import Foundation
import GPathRender
import Testing

@Test("smoke")
func smoke() throws {
    let renderer = try GraphvizRenderer()
    let out = try renderer.render(dot: #"digraph { "a\\b" -> "c\"d"; "e\\" -> "f\\\"g" ; "h\nx"; "node"; "ü.ß λ" -> "x y"; n1 [label=<<b>a&amp;b</b>>] }"#, as: .svg)
    print(String(decoding: out.bytes, as: UTF8.self).split(separator: "\n").filter { $0.contains("<title>") }.joined(separator: "\n"))
}
