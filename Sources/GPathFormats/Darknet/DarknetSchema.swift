/// The sections of darknet's `parser.c` that gpath lowers, their aliases, and the keys each
/// accepts. Keys not listed are errors with a "did you mean"; keys that only steer training
/// are listed explicitly and produce a warning; keys that change the network in ways the IR
/// cannot express are listed as unsupported and are errors when set.
enum DarknetKind: String, CaseIterable, Sendable {
    case net, convolutional, connected, maxpool, localAveragePool = "local_avgpool", avgpool
    case route, shortcut, upsample, reorg3d, sam, scaleChannels = "scale_channels"
    case dropout, softmax, cost, yolo, gaussianYolo = "Gaussian_yolo", region, detection
    case implicit, activation, batchnorm, normalization, empty, crop

    /// Section names and aliases as darknet's `string_to_layer_type` spells them.
    static let names: [String: DarknetKind] = [
        "net": .net, "network": .net,
        "convolutional": .convolutional, "conv": .convolutional,
        "connected": .connected, "conn": .connected,
        "maxpool": .maxpool, "max": .maxpool,
        "local_avgpool": .localAveragePool, "local_avg": .localAveragePool,
        "avgpool": .avgpool, "avg": .avgpool,
        "route": .route, "shortcut": .shortcut, "upsample": .upsample,
        "reorg3d": .reorg3d, "reorg": .reorg3d,
        "sam": .sam, "scale_channels": .scaleChannels,
        "dropout": .dropout, "softmax": .softmax, "soft": .softmax, "cost": .cost,
        "yolo": .yolo, "Gaussian_yolo": .gaussianYolo, "region": .region, "detection": .detection,
        "implicit": .implicit, "implicit_add": .implicit, "implicit_mul": .implicit,
        "activation": .activation, "batchnorm": .batchnorm, "normalization": .normalization, "lrn": .normalization,
        "empty": .empty, "silence": .empty, "crop": .crop,
    ]

    /// Real darknet sections gpath does not lower (recurrent, local, crop…): E214, not E201.
    static let unsupported: Set<String> = [
        "local", "rnn", "gru", "lstm", "conv_lstm", "convlstm", "crnn", "history", "contrastive",
        "deconvolutional", "deconv", "xnor", "iseg",
    ]

    /// Keys whose value gpath reads, or which describe the layer without changing its graph.
    var keys: Set<String> {
        let pool: Set<String> = ["size", "stride", "stride_x", "stride_y", "padding"]
        switch self {
        case .net: return ["width", "height", "channels"]
        case .convolutional:
            return ["filters", "size", "stride", "stride_x", "stride_y", "pad", "padding", "groups",
                    "dilation", "batch_normalize", "activation"]
        case .connected: return ["output", "activation", "batch_normalize"]
        case .maxpool, .localAveragePool: return pool
        case .avgpool, .batchnorm, .empty: return []
        case .crop: return ["crop_height", "crop_width", "flip", "angle", "saturation", "exposure", "noadjust", "shift"]
        case .route: return ["layers", "groups", "group_id"]
        case .shortcut: return ["from", "activation", "weights_type", "weights_normalization"]
        case .upsample: return ["stride", "scale"]
        case .reorg3d: return ["stride"]
        case .sam: return ["from", "activation"]
        case .scaleChannels: return ["from", "activation"]
        case .dropout: return ["probability", "dropblock", "dropblock_size_rel", "dropblock_size_abs"]
        case .softmax: return ["groups", "temperature", "spatial", "noloss"]
        case .cost: return ["type", "scale", "ratio", "noobject_scale", "thresh"]
        case .yolo, .gaussianYolo:
            return ["mask", "anchors", "classes", "num", "jitter", "ignore_thresh", "truth_thresh", "random",
                    "scale_x_y", "iou_thresh", "cls_normalizer", "iou_normalizer", "obj_normalizer", "iou_loss",
                    "iou_thresh_kind", "nms_kind", "beta_nms", "max_delta", "resize", "new_coords",
                    "counters_per_class", "label_smooth_eps", "focal_loss", "objectness_smooth",
                    "track_history_size", "sim_thresh", "dets_for_track", "dets_for_show", "track_ciou_norm",
                    "embedding_layer", "map", "uc_normalizer", "delta_normalizer", "yolo_point"]
        case .region:
            return ["anchors", "classes", "coords", "num", "softmax", "jitter", "rescore", "object_scale",
                    "noobject_scale", "class_scale", "coord_scale", "absolute", "thresh", "random",
                    "bias_match", "map", "focal_loss", "log", "sqrt"]
        case .detection:
            return ["classes", "coords", "rescore", "side", "num", "softmax", "sqrt", "jitter", "object_scale",
                    "noobject_scale", "class_scale", "coord_scale", "forced", "random", "reorg"]
        case .implicit: return ["filters", "mean", "std", "atoms"]
        case .activation: return ["activation"]
        case .normalization: return ["size", "alpha", "beta", "kappa"]
        }
    }

    /// Keys that change only how darknet trains (not the graph or its gradient flow): a W215
    /// warning says gpath ignores them. `[net]` is entirely training configuration, so its
    /// hyperparameters are accepted silently.
    var trainingOnlyKeys: Set<String> {
        switch self {
        case .net: return []
        case .convolutional, .connected:
            return ["dont_update", "train_only_bn", "burnin_update", "learning_rate", "stopbackward_only_bn"]
        default: return ["dont_update", "train_only_bn"]
        }
    }

    /// Keys gpath cannot represent; setting one to anything but its default is E214.
    var unsupportedKeys: Set<String> {
        switch self {
        case .convolutional:
            return ["binary", "xnor", "bin_output", "antialiasing", "share_index", "deform", "sway", "rotate",
                    "stretch", "stretch_sway", "assisted_excitation", "coordconv", "flipped"]
        case .maxpool, .localAveragePool: return ["maxpool_depth", "out_channels", "antialiasing"]
        case .reorg3d: return ["reverse", "flatten", "extra"]
        case .scaleChannels: return ["scale_wh"]
        case .softmax: return ["tree"]
        default: return []
        }
    }

    /// `[net]` hyperparameters accepted without comment.
    static let netTrainingKeys: Set<String> = [
        "batch", "subdivisions", "momentum", "decay", "angle", "saturation", "exposure", "hue",
        "learning_rate", "burn_in", "max_batches", "policy", "steps", "scales", "step", "scale", "gamma",
        "power", "mosaic", "mosaic_bound", "letter_box", "flip", "mixup", "cutmix", "blur", "gaussian_noise",
        "label_smooth_eps", "resize_step", "adversarial_lr", "attention", "dynamic_minibatch",
        "optimized_memory", "workspace_size_limit_MB", "max_chart_loss", "track", "augment_speed",
        "sequential_subdivisions", "try_fix_nan", "time_steps", "min_crop", "max_crop", "aspect", "center",
        "adam", "B1", "B2", "eps", "loss_scale", "num_boxes", "ema_alpha", "clip", "inputs", "seed",
        "use_cuda_graph", "contrastive", "contrastive_jit_flip", "contrastive_color", "unsupervised",
        "show_receptive_field", "train_images", "rotate", "random",
    ]
}
