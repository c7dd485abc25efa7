"""Removes the exporting machine's file paths from exported ONNX graphs, without touching what they compute.

torch.onnx.export (dynamo) stores a Python stack trace on every node (metadata key `pkg.torch.onnx.stack_trace`:
`File "/home/.../export.py", line 52, ...`): debugging aid only, and it names the build machine's folders.
This drops those entries (in the main graph, subgraphs and functions), checks that the graph with all node
metadata cleared is byte-identical to before, and fails if an absolute path is still in the file.

  python models/recipes/training/strip_paths.py models/training/nrms-user-v1/*.onnx
"""
import re
import sys

import onnx

DROP = {"pkg.torch.onnx.stack_trace"}
ABSOLUTE = re.compile(rb'(?<![\w.])/(?:home|work|root|tmp|Users|mnt|opt|srv|var)/')


def graphs(model: onnx.ModelProto):
    stack = [model.graph] + [f for f in model.functions]
    while stack:
        g = stack.pop()
        yield g
        for node in g.node:
            for attr in node.attribute:
                if attr.g.node:
                    stack.append(attr.g)
                stack.extend(attr.graphs)


def without_node_metadata(model: onnx.ModelProto) -> bytes:
    copy = onnx.ModelProto()
    copy.CopyFrom(model)
    for g in graphs(copy):
        for node in g.node:
            del node.metadata_props[:]
    return copy.SerializeToString(deterministic=True)


def strip(path: str) -> int:
    model = onnx.load(path)
    before = without_node_metadata(model)
    dropped = 0
    for g in graphs(model):
        for node in g.node:
            keep = [p for p in node.metadata_props if p.key not in DROP]
            dropped += len(node.metadata_props) - len(keep)
            del node.metadata_props[:]
            node.metadata_props.extend(keep)
    if without_node_metadata(model) != before:
        raise SystemExit(f"{path}: stripping changed more than node metadata")
    data = model.SerializeToString()
    if ABSOLUTE.search(data):
        raise SystemExit(f"{path}: an absolute path is left: {ABSOLUTE.search(data).group(0)!r}")
    with open(path, "wb") as f:
        f.write(data)
    return dropped


if __name__ == "__main__":
    for p in sys.argv[1:]:
        print(p, "dropped", strip(p), "stack traces")
