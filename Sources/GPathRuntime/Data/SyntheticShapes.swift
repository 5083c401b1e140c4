import Foundation

/// `synthetic:shapes`: procedurally drawn shapes on textured backgrounds, 10 classes, any size
/// (32×32 by default), fully determined by (seed, index).
///
/// The class is the shape — disc, ring, square, frame, triangle, plus, X, two horizontal bars,
/// two vertical bars, two dots — drawn at a random position, size and colour over a random
/// striped texture with noise. Colour and texture carry no information about the class, and
/// disc/ring, square/frame, plus/X and horizontal/vertical bars differ only in spatial
/// structure at the scale of the whole shape, so a network needs a receptive field covering
/// the shape (depth, or downsampling) to separate them. Pixels are normalised to roughly zero
/// mean and unit variance.
public struct SyntheticShapes: SyntheticDataset {
    public static let classNames = ["disc", "ring", "square", "frame", "triangle", "plus", "x", "horizontal bars", "vertical bars", "two dots"]

    public let name = "synthetic:shapes"
    public let sampleShape: TensorShape
    public let classes = 10
    public let count: Int
    public let seed: UInt64
    /// Added to every index: the training and evaluation splits use disjoint streams.
    public let streamOffset: UInt64

    public init(seed: UInt64, count: Int = 50_000, channels: Int = 3, height: Int = 32, width: Int = 32, streamOffset: UInt64 = 0) {
        self.seed = seed
        self.count = count
        self.sampleShape = TensorShape(batch: 1, channels: channels, height: height, width: width)
        self.streamOffset = streamOffset
    }

    public func sample(_ index: Int, into pixels: UnsafeMutableBufferPointer<Float>) -> Int {
        var r = SeededRandom(seed: seed, stream: UInt64(index) &+ streamOffset)
        let label = Int(r.next() % 10)
        let (h, w) = (sampleShape.height, sampleShape.width)
        let side = Double(min(h, w))
        let background = Self.color(&r)
        var foreground = Self.color(&r)
        if abs(Self.luminance(foreground) - Self.luminance(background)) < 0.3 {
            foreground = foreground.map { Self.luminance(background) > 0.5 ? $0 * 0.35 : 0.65 + $0 * 0.35 }
        }
        let angle = r.uniform(0, Double.pi)
        let frequency = r.uniform(0.15, 0.45)
        let phase = r.uniform(0, 2 * Double.pi)
        let amplitude = r.uniform(0.05, 0.2)
        let radius = side * r.uniform(0.18, 0.3)
        let cx = Double(w) * r.uniform(0.32, 0.68)
        let cy = Double(h) * r.uniform(0.32, 0.68)
        let rotation = label == 7 || label == 8 ? r.uniform(-0.15, 0.15) : r.uniform(0, 2 * Double.pi)
        let (cosA, sinA) = (cos(angle), sin(angle))
        let (cosR, sinR) = (cos(rotation), sin(rotation))
        let channels = sampleShape.channels
        for y in 0..<h {
            for x in 0..<w {
                let px = Double(x) + 0.5 - cx
                let py = Double(y) + 0.5 - cy
                // Shape coordinates: rotated into the shape's frame.
                let u = cosR * px + sinR * py
                let v = -sinR * px + cosR * py
                let coverage = min(1, max(0, 0.5 - Self.distance(label, u, v, radius)))
                let stripe = amplitude * sin(2 * Double.pi * frequency * (cosA * Double(x) + sinA * Double(y)) + phase)
                func channel(_ c: Int) -> Double {
                    (background[c] + stripe) * (1 - coverage) + foreground[c] * coverage + 0.06 * r.normal()
                }
                let (red, green, blue) = (channel(0), channel(1), channel(2))
                if channels == 1 {
                    pixels[y * w + x] = Float((0.299 * red + 0.587 * green + 0.114 * blue - 0.5) / 0.25)
                } else {
                    for c in 0..<channels {
                        let value = c % 3 == 0 ? red : (c % 3 == 1 ? green : blue)
                        pixels[(c * h + y) * w + x] = Float((value - 0.5) / 0.25)
                    }
                }
            }
        }
        return label
    }

    /// Signed distance (pixels, negative inside) from (u, v) to shape `label` of size `r`.
    static func distance(_ label: Int, _ u: Double, _ v: Double, _ r: Double) -> Double {
        switch label {
        case 0: return (u * u + v * v).squareRoot() - r
        case 1: return abs((u * u + v * v).squareRoot() - 0.72 * r) - 0.28 * r
        case 2: return box(u, v, 0.85 * r, 0.85 * r)
        case 3: return abs(box(u, v, 0.78 * r, 0.78 * r)) - 0.22 * r
        case 4: return triangle(u, v, r)
        case 5: return min(box(u, v, r, 0.25 * r), box(u, v, 0.25 * r, r))
        case 6:
            let (a, b) = ((u + v) * 0.7071, (u - v) * 0.7071)
            return min(box(a, b, r, 0.22 * r), box(a, b, 0.22 * r, r))
        case 7: return min(box(u, v - 0.5 * r, r, 0.2 * r), box(u, v + 0.5 * r, r, 0.2 * r))
        case 8: return min(box(u - 0.5 * r, v, 0.2 * r, r), box(u + 0.5 * r, v, 0.2 * r, r))
        default:
            let dot = 0.35 * r
            return min(((u - 0.6 * r) * (u - 0.6 * r) + v * v).squareRoot() - dot, ((u + 0.6 * r) * (u + 0.6 * r) + v * v).squareRoot() - dot)
        }
    }

    /// Signed distance to an axis-aligned box of half-sizes (a, b).
    static func box(_ u: Double, _ v: Double, _ a: Double, _ b: Double) -> Double {
        let qx = abs(u) - a
        let qy = abs(v) - b
        let outside = (max(qx, 0) * max(qx, 0) + max(qy, 0) * max(qy, 0)).squareRoot()
        return outside + min(max(qx, qy), 0)
    }

    /// Signed distance to an equilateral triangle of circumradius-like size r.
    static func triangle(_ u: Double, _ v: Double, _ r: Double) -> Double {
        let k = 3.0.squareRoot()
        var x = abs(u) - r
        var y = v + r / k
        if x + k * y > 0 {
            (x, y) = ((x - k * y) / 2, (-k * x - y) / 2)
        }
        x -= min(max(x, -2 * r), 0)
        return -(x * x + y * y).squareRoot() * (y < 0 ? -1 : 1)
    }

    static func color(_ r: inout SeededRandom) -> [Double] { [r.uniform(), r.uniform(), r.uniform()] }

    static func luminance(_ rgb: [Double]) -> Double { 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2] }
}
