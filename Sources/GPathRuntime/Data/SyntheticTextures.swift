import Foundation

/// `synthetic:textures`: 8 classes of oriented gratings (0°, 45°, 90°, 135° × a low and a high
/// spatial frequency) with random phase, contrast, colours and noise — a local-texture task,
/// the easy counterpart of ``SyntheticShapes``.
public struct SyntheticTextures: SyntheticDataset {
    public let name = "synthetic:textures"
    public let sampleShape: TensorShape
    public let classes = 8
    public let count: Int
    public let seed: UInt64
    public let streamOffset: UInt64

    public init(seed: UInt64, count: Int = 50_000, channels: Int = 3, height: Int = 32, width: Int = 32, streamOffset: UInt64 = 0) {
        self.seed = seed
        self.count = count
        self.sampleShape = TensorShape(batch: 1, channels: channels, height: height, width: width)
        self.streamOffset = streamOffset
    }

    public func sample(_ index: Int, into pixels: UnsafeMutableBufferPointer<Float>) -> Int {
        var r = SeededRandom(seed: seed, stream: UInt64(index) &+ streamOffset)
        let label = Int(r.next() % 8)
        let angle = Double(label % 4) * Double.pi / 4 + r.uniform(-0.12, 0.12)
        let frequency = label < 4 ? r.uniform(0.06, 0.1) : r.uniform(0.2, 0.3)
        let phase = r.uniform(0, 2 * Double.pi)
        let contrast = r.uniform(0.15, 0.4)
        let low = SyntheticShapes.color(&r)
        let high = SyntheticShapes.color(&r)
        let (h, w, channels) = (sampleShape.height, sampleShape.width, sampleShape.channels)
        let (c, s) = (cos(angle), sin(angle))
        for y in 0..<h {
            for x in 0..<w {
                let t = 0.5 + contrast * sin(2 * Double.pi * frequency * (c * Double(x) + s * Double(y)) + phase)
                for k in 0..<channels {
                    let value = low[k % 3] * (1 - t) + high[k % 3] * t + 0.1 * r.normal()
                    pixels[(k * h + y) * w + x] = Float((value - 0.5) / 0.25)
                }
            }
        }
        return label
    }
}
