/// A procedurally generated dataset: every sample is a function of (seed, stream, index), so
/// training and evaluation splits are disjoint streams of one seed.
public protocol SyntheticDataset: Dataset {
    init(seed: UInt64, count: Int, channels: Int, height: Int, width: Int, streamOffset: UInt64)
}

extension SyntheticDataset {
    /// Stream offset of the evaluation split (far beyond any training index).
    static var evaluationStream: UInt64 { 1 << 40 }

    /// 50,000 training and `evaluationCount` evaluation samples from disjoint streams of `seed`.
    public static func split(seed: UInt64, channels: Int = 3, height: Int = 32, width: Int = 32, evaluationCount: Int = 2_000) -> DataSplit {
        DataSplit(
            training: Self(seed: seed, count: 50_000, channels: channels, height: height, width: width, streamOffset: 0),
            evaluation: Self(seed: seed, count: evaluationCount, channels: channels, height: height, width: width, streamOffset: evaluationStream))
    }
}
