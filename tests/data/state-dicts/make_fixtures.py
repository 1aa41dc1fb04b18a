#!/usr/bin/python3
"""Writes the small state_dict files that StateDictTest reads: what Python's torch.save makes.

Run with Debian's python3-torch: /usr/bin/python3 make_fixtures.py (from this folder).
"""
import collections, os
import torch


def weights():
    sd = collections.OrderedDict()
    sd["layer.weight"] = torch.arange(6, dtype=torch.float32).reshape(2, 3)
    sd["layer.bias"] = torch.tensor([0.5, -0.25])
    sd["transposed"] = torch.arange(6, dtype=torch.float32).reshape(2, 3).t()  # strides (1, 3)
    sd["bn.num_batches_tracked"] = torch.tensor(7)
    sd["half"] = torch.tensor([1.5, -2.0], dtype=torch.float16)
    sd._metadata = collections.OrderedDict([("", {"version": 1}), ("layer", {"version": 1})])
    return sd


class Foreign:
    def __reduce__(self):
        return (os.getcwd, ())


torch.save(weights(), "ordered-dict.pt")
torch.save(weights(), "protocol-4.pt", pickle_protocol=4)
torch.save({"epoch": 3, "state_dict": weights(), "lr": 0.001}, "training-script.pt")
torch.save({"layer.weight": torch.zeros(1), "hook": Foreign()}, "foreign-object.pt")
torch.save(weights(), "legacy-format.pt", _use_new_zipfile_serialization=False)
