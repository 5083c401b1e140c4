import GPathIR

/// The product of two feature maps (``MatrixProduct``), per sample, through OpenBLAS.
///
/// A map of C channels × P = H·W positions is the matrix positions × channels; its NCHW storage
/// is that matrix transposed, S (C×P), channel-major. With α = 1/√K when scaled, else 1:
///
/// - `a·b` — a has K channels and P positions, b has N channels and K positions:
///   out (N×P) = α · S_b (N×K) · S_a (K×P); ∂S_a = α · S_bᵀ · ∂out, ∂S_b = α · ∂out · S_aᵀ.
/// - `a·bᵀ` — a has K channels and P positions, b has K channels and M positions:
///   out (M×P) = α · S_bᵀ (M×K) · S_a (K×P); ∂S_a = α · S_b · ∂out, ∂S_b = α · S_a · ∂outᵀ.
///
/// The output lies on a's map. Samples are independent and run on `parallelism`'s workers,
/// each GEMM writing only its own sample, so results do not depend on scheduling.
public enum MatrixMultiplication {
    /// The product's output for operands `a` and `b` (batch, channels and maps as above).
    public static func forward(_ a: Tensor, _ b: Tensor, product: MatrixProduct, parallelism: Parallelism = .serial) -> Tensor {
        if product.samplesSecond { return sampledForward(a, b, parallelism: parallelism) }
        let (k, p) = (a.shape.channels, a.shape.plane)
        let rows = product.transposesSecond ? b.shape.plane : b.shape.channels
        let alpha = scale(product, inner: k)
        let (aSize, bSize) = (a.shape.sampleSize, b.shape.sampleSize)
        return a.storage.withUnsafeBufferPointer { sa in
            b.storage.withUnsafeBufferPointer { sb in
                let (pa, pb) = (SharedPointer(UnsafeMutablePointer(mutating: sa.baseAddress!)), SharedPointer(UnsafeMutablePointer(mutating: sb.baseAddress!)))
                return Tensor(shape: TensorShape(batch: a.shape.batch, channels: rows, height: a.shape.height, width: a.shape.width)) { ys in
                    let target = SharedPointer(ys.baseAddress!)
                    parallelism.run(a.shape.batch) { n in
                        // out = α · op(S_b) · S_a, op = transpose for a·bᵀ (S_b is K×M there, N×K for a·b).
                        BLAS.gemm(
                            transposeA: product.transposesSecond, transposeB: false, m: rows, n: p, k: k, alpha: alpha,
                            pb.base + n * bSize, lda: product.transposesSecond ? rows : k, pa.base + n * aSize, ldb: p,
                            beta: 0, target.base + n * rows * p, ldc: p)
                    }
                }
            }
        }
    }

    /// ∂a and ∂b of the product at operands `a`, `b` for the output gradient `dy`.
    public static func backward(
        _ a: Tensor, _ b: Tensor, outputGradient dy: Tensor, product: MatrixProduct, parallelism: Parallelism = .serial
    ) -> (a: Tensor, b: Tensor) {
        if product.samplesSecond { return sampledBackward(a, b, outputGradient: dy, parallelism: parallelism) }
        let (k, p) = (a.shape.channels, a.shape.plane)
        let rows = dy.shape.channels
        let alpha = scale(product, inner: k)
        let t = product.transposesSecond
        return perSample(a, b, dy, parallelism: parallelism) { an, bn, yn, dan, dbn in
            // ∂S_a (K×P) = α · S_bᵀ (K×N) · ∂out (N×P), or α · S_b (K×M) · ∂out (M×P).
            BLAS.gemm(
                transposeA: !t, transposeB: false, m: k, n: p, k: rows, alpha: alpha,
                bn, lda: t ? rows : k, yn, ldb: p, beta: 0, dan, ldc: p)
            if t {
                // ∂S_b (K×M) = α · S_a (K×P) · ∂outᵀ (P×M).
                BLAS.gemm(
                    transposeA: false, transposeB: true, m: k, n: rows, k: p, alpha: alpha,
                    an, lda: p, yn, ldb: p, beta: 0, dbn, ldc: rows)
            } else {
                // ∂S_b (N×K) = α · ∂out (N×P) · S_aᵀ (P×K).
                BLAS.gemm(
                    transposeA: false, transposeB: true, m: rows, n: k, k: p, alpha: alpha,
                    yn, lda: p, an, ldb: p, beta: 0, dbn, ldc: k)
            }
        }
    }

    /// Zeroed gradients of a and b, filled by `body` once per sample with that sample's a, b,
    /// ∂out and gradient storage (samples run on `parallelism`'s workers, each writing only
    /// its own).
    static func perSample(
        _ a: Tensor, _ b: Tensor, _ dy: Tensor, parallelism: Parallelism,
        _ body: @Sendable (_ a: UnsafeMutablePointer<Float>, _ b: UnsafeMutablePointer<Float>, _ dy: UnsafeMutablePointer<Float>,
                           _ da: UnsafeMutablePointer<Float>, _ db: UnsafeMutablePointer<Float>) -> Void
    ) -> (a: Tensor, b: Tensor) {
        let (aSize, bSize, ySize) = (a.shape.sampleSize, b.shape.sampleSize, dy.shape.sampleSize)
        var da = Tensor(zeros: a.shape)
        var db = Tensor(zeros: b.shape)
        a.storage.withUnsafeBufferPointer { sa in
            b.storage.withUnsafeBufferPointer { sb in
                dy.storage.withUnsafeBufferPointer { sy in
                    da.storage.withUnsafeMutableBufferPointer { sda in
                        db.storage.withUnsafeMutableBufferPointer { sdb in
                            let (pa, pb, py) = (SharedPointer(UnsafeMutablePointer(mutating: sa.baseAddress!)), SharedPointer(UnsafeMutablePointer(mutating: sb.baseAddress!)), SharedPointer(UnsafeMutablePointer(mutating: sy.baseAddress!)))
                            let (qa, qb) = (SharedPointer(sda.baseAddress!), SharedPointer(sdb.baseAddress!))
                            parallelism.run(a.shape.batch) { n in
                                body(pa.base + n * aSize, pb.base + n * bSize, py.base + n * ySize, qa.base + n * aSize, qb.base + n * bSize)
                            }
                        }
                    }
                }
            }
        }
        return (da, db)
    }

    /// α: 1/√K for a scaled product (scaled dot-product attention), else 1.
    static func scale(_ product: MatrixProduct, inner k: Int) -> Float {
        product.scaled ? 1 / Float(k).squareRoot() : 1
    }
}

/// A matrix-product node: two operands, no parameters.
final class MatrixProductKernel: OperandKernel {
    let product: MatrixProduct
    private var operands: [Tensor] = []

    init(product: MatrixProduct) { self.product = product }

    func forward(_ operands: [Tensor], batch: Int, context: KernelContext) -> Tensor {
        self.operands = operands
        return MatrixMultiplication.forward(operands[0], operands[1], product: product, parallelism: context.parallelism)
    }

    func backward(_ dy: Tensor, needsGradients: [Bool], context: KernelContext) -> [Tensor?] {
        guard needsGradients.contains(true) else { return [nil, nil] }
        let (da, db) = MatrixMultiplication.backward(operands[0], operands[1], outputGradient: dy, product: product, parallelism: context.parallelism)
        return [needsGradients[0] ? da : nil, needsGradients[1] ? db : nil]
    }
}

extension OpKernel {
    /// A product of two feature maps; the operands stay apart (different maps).
    static let matmul = OpKernel(
        kind: .matmul,
        compile: { request in
            guard case .matmul(let product) = request.node.op, request.operandShapes.count == 2 else { throw request.reject("a matrix product needs two operands") }
            let (a, b) = (request.operandShapes[0], request.operandShapes[1])
            let inner = product.samplesSecond ? a.channels : product.transposesSecond ? b.channels : b.plane
            guard a.channels == inner else {
                throw request.reject("operands of \(a.channels)x\(a.height)x\(a.width) and \(b.channels)x\(b.height)x\(b.width) do not fit")
            }
            return .operands(MatrixProductKernel(product: product))
        },
        gradientCheck: .smooth)
}
