import Foundation
import GPathDiagnostics
import GPathFormats
import GPathIR
import GPathRuntime

/// Small networks of every family in `examples/` (and the ops no example uses), on 3×8×8
/// inputs, for whole-network gradient checks and training smoke tests.
enum FamilyNetworks {
    /// The basic residual block (two 3×3 convs, projection when the shape changes), shared by
    /// the family networks and the training tests.
    static let basicBlock = """
        block basic(c, s = 1) {
          conv(c, k=3, s=s) bn relu
          main = conv(c, k=3) bn
          if s != 1 or channels(in) != c {
            shortcut = conv(in, c, k=1, s=s) bn
          } else {
            shortcut = in
          }
          add(main, shortcut) relu
        }
        """


    static let sources: [String: String] = [
        // A one-block vision transformer (2×2 patches, a class token, two heads) followed by the
        // token ops no ViT needs: a layer scale, a group norm, a transpose, a softmax over
        // positions. Every edge into a matrix product is a channel slice of `qkv`.
        "attention": """
            learned cls 8x1x1
            learned position 8x17x1
            patches = conv(image, 8, k=2, s=2, bias=1)
            tokens = reshape(patches, 16, 1)
            sequence = concat_tokens(cls, tokens)
            embedded = add(sequence, position)
            normed = layernorm(embedded)
            qkv = conv(normed, 24, k=1, bias=1)
            s1 = matmul(qkv[0:4], qkv[8:12], t=1, scaled=1)
            a1 = softmax(s1)
            h1 = matmul(a1, qkv[16:20])
            s2 = matmul(qkv[4:8], qkv[12:16], t=1, scaled=1)
            a2 = softmax(s2)
            h2 = matmul(a2, qkv[20:24])
            heads = concat(h1, h2)
            projected = conv(heads, 8, k=1, bias=1)
            damped = scale(projected)
            residual = add(embedded, damped)
            grouped = groupnorm(residual, 2)
            swapped = transpose(grouped)
            spread = softmax(swapped, axis=1)
            back = transpose(spread)
            token = slice_tokens(back, 0, 1)
            fc = linear(token, 3)
            loss ce = cross_entropy(fc)
            """,
        "plain": """
            conv(4, k=3) bn relu
            conv(6, k=3, s=2) bn relu
            maxpool(2)
            gap
            fc = linear(3)
            loss ce = cross_entropy(fc)
            """,
        "resnet": """
            \(basicBlock)
            conv(4, k=3) bn relu
            basic(4)
            basic(6, 2)
            gap
            fc = linear(3)
            loss ce = cross_entropy(fc)
            """,
        "prn": """
            block masked(c) {
              conv(c, k=3) bn relu
              b = conv(c, k=3) bn
              add(b, in[0:c/2]) relu
            }
            stem = conv(4, k=3) bn relu
            masked(4)
            wide = conv(8, k=3, s=2) bn relu
            narrow = conv(4, k=3) bn relu
            add(narrow, wide[2:6])
            gap
            fc = linear(3)
            loss ce = cross_entropy(fc)
            """,
        "densenet": """
            block dense(layers, growth) {
              for i in 1...layers {
                f[i] = conv(in, for j in 1..<i: f[j], growth, k=3) bn relu
              }
              concat(in, for j in 1...layers: f[j])
            }
            conv(4, k=3) bn relu
            dense(3, 2)
            conv(5, k=1) bn relu
            avgpool(2)
            dense(2, 2)
            gap
            fc = linear(3)
            loss ce = cross_entropy(fc)
            """,
        "sparsenet": """
            block sparse(layers, growth) {
              f[0] = in
              for i in 1...layers {
                f[i] = conv(for k in 0...log2(i): f[i - 2**k], growth, k=3) bn relu
              }
              concat(for k in 0...log2(layers + 1): f[layers + 1 - 2**k])
            }
            conv(4, k=3) bn relu
            sparse(4, 2)
            gap
            fc = linear(3)
            loss ce = cross_entropy(fc)
            """,
        "cspnet": """
            block residual(c) {
              conv(c, k=1) bn relu
              b = conv(c, k=3) bn relu
              add(b, in)
            }
            conv(4, k=3) bn relu
            base = conv(8, k=3, s=2) bn relu
            part1 = base[0:4]
            base[4:8] -> repeat 2 residual(4)
            t1 = conv(4, k=1) bn relu
            t2 = conv(part1, t1, 8, k=1) bn relu
            gap
            fc = linear(3)
            loss ce = cross_entropy(fc)
            """,
        "vovnet": """
            block osa(c) {
              c1 = conv(c, k=3) bn relu
              c2 = conv(c, k=3) bn relu
              cat = concat(in, c1, c2)
              t = conv(cat, c, k=1) bn relu
            }
            conv(4, k=3) bn relu
            osa(4)
            osa(4)
            gap
            fc = linear(3)
            loss ce = cross_entropy(fc)
            """,
        "elan": """
            block elan(c) {
              part1 = in[0:c/2]
              part2 = in[c/2:c]
              part2
              for g in 1...2 {
                conv(c / 2, k=3) bn relu
                group[g] = conv(c / 2, k=3) bn relu
              }
              t = conv(part1, part2, group, c, k=1) bn relu
            }
            conv(4, k=3) bn relu
            elan(4)
            gap
            fc = linear(3)
            loss ce = cross_entropy(fc)
            """,
        "stop_gradient": """
            stem = conv(4, k=3) bn relu
            a = detach(stem) -> conv(4, k=3) bn relu
            b = conv(4, k=3) bn
            s1 = add(b, stem)
            conv(4, k=3) bn relu
            b2 = conv(4, k=3) bn
            sg = stop_gradient(s1)
            add(b2, sg)
            gap
            fc = linear(3)
            loss ce = cross_entropy(fc)
            """,
        "heads_and_ops": """
            stem = conv(4, k=3, bias=1) leaky
            n = bn(stem)
            m = mish(n)
            d = conv(m, 4, k=3, d=2) bn silu
            g = conv(d, 4, k=3, g=2, s=2) bn gelu
            u = upsample(g)
            cat = concat(u, m)
            h = hardswish(cat)
            l = layer(h, 4, g=2)
            sig = sigmoid(l)
            t = tanh(sig)
            dr = dropout(t)
            pool = gmp(dr)
            hidden = linear(pool, 5) bn relu
            fc = linear(hidden, 3)
            loss ce = cross_entropy(fc)
            aux = conv(g, 3, k=1) bn linear_act
            ga = gap(aux)
            loss regress = mse(ga)
            """,
    ]

    static var names: [String] { sources.keys.sorted() }

    /// The network `name`; `smooth` swaps every kinked op for a smooth one of the same shape
    /// (relu, leaky → silu; maxpool → avgpool; gmp → gap), for whole-network checks whose
    /// perturbations would otherwise cross ReLU kinks.
    static func graph(_ name: String, smooth: Bool = false, size: Int = 8) throws -> Graph {
        var body = sources[name] ?? ""
        if smooth {
            for (kinked, replacement) in [("relu", "silu"), ("leaky", "silu"), ("maxpool", "avgpool"), ("gmp", "gap")] {
                body = body.replacingOccurrences(of: kinked, with: replacement)
            }
        }
        let text = "network \(name)\ninput image 3x\(size)x\(size)\n" + body
        let (graph, diagnostics) = NetReader.read(SourceFile(name: "\(name).net", text: text))
        guard let graph else {
            throw FamilyError(message: diagnostics.map { "\($0.code) \($0.message)" }.joined(separator: "\n"))
        }
        return graph
    }

    /// A random batch of `batch` 3×8×8 images with labels in 0..<3.
    static func batch(_ size: Int, seed: UInt64) -> (Tensor, [Int]) {
        let x = OpCheck.tensor(TensorShape(batch: size, channels: 3, height: 8, width: 8), seed: seed)
        return (x, (0..<size).map { $0 % 3 })
    }

    struct FamilyError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
