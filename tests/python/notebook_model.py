#!/usr/bin/python3
"""The seed notebook's SmallGoogLeNet, for the weight-interchange tests (Debian's python3-torch).

  notebook_model.py logits STATE_DICT INPUT OUTPUT
      load STATE_DICT with torch.load into the notebook's model (load_state_dict strict=True),
      run it in eval mode on INPUT (float32 N x 3 x 32 x 32, raw little-endian) and write the
      logits (float32 N x 10, raw) to OUTPUT.
  notebook_model.py save SEED OUTPUT
      torch.save(model.state_dict(), OUTPUT) of the notebook's model initialised with SEED,
      as a PyTorch user would.
"""
import sys

import numpy as np
import torch
import torch.nn as nn
from torch.nn.init import kaiming_normal_, normal_


def sameConv2d(i, o, k, stride=1):
    return nn.Conv2d(i, o, k, stride, padding=k // 2)


class InceptionUnit(nn.Module):
    def __init__(self, inC, o1, r3, o3, r5, o5, pp):
        super().__init__()
        self.feature1_1 = nn.Sequential(sameConv2d(inC, o1, 1), nn.ReLU(inplace=True))
        self.feature3_3 = nn.Sequential(sameConv2d(inC, r3, 1), nn.ReLU(inplace=True),
                                        sameConv2d(r3, o3, 3), nn.ReLU(inplace=True))
        self.feature5_5 = nn.Sequential(sameConv2d(inC, r5, 1), nn.ReLU(inplace=True),
                                        sameConv2d(r5, o5, 5), nn.ReLU(inplace=True))
        self.parallelPool = nn.Sequential(nn.MaxPool2d(3, 1, 1, ceil_mode=True),
                                          sameConv2d(inC, pp, 1), nn.ReLU(inplace=True))

    def forward(self, x):
        return torch.cat([self.feature1_1(x), self.feature3_3(x), self.feature5_5(x),
                          self.parallelPool(x)], 1)


class SmallGoogLeNet(nn.Module):
    def __init__(self, nClass=10):
        super().__init__()
        self.conv1 = nn.Sequential(sameConv2d(3, 64, 7, 2), nn.ReLU(inplace=True),
                                   nn.LocalResponseNorm(5), nn.MaxPool2d(3, 2, ceil_mode=True))
        self.inception2 = nn.Sequential(
            InceptionUnit(64, 64, 16, 32, 8, 16, 16), InceptionUnit(128, 64, 32, 64, 16, 32, 32),
            InceptionUnit(192, 48, 56, 112, 32, 64, 32), InceptionUnit(256, 32, 64, 128, 24, 64, 32),
            InceptionUnit(256, 16, 112, 128, 24, 80, 32), nn.AvgPool2d(8, 1, ceil_mode=True))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Dropout(0.4), nn.Linear(256, nClass))

    def forward(self, x):
        return self.classifier(self.inception2(self.conv1(x)))


def initWeight(u):
    if isinstance(u, (nn.Linear, nn.Conv2d)):
        kaiming_normal_(u.weight, nonlinearity='relu')
        normal_(u.bias)


def main(argv):
    torch.set_num_threads(1)
    if len(argv) == 5 and argv[1] == "logits":
        model = SmallGoogLeNet()
        model.load_state_dict(torch.load(argv[2]), strict=True)
        model.eval()
        images = torch.from_numpy(np.fromfile(argv[3], dtype="<f4").reshape(-1, 3, 32, 32))
        with torch.no_grad():
            model(images).numpy().astype("<f4").tofile(argv[4])
        return 0
    if len(argv) == 4 and argv[1] == "save":
        torch.manual_seed(int(argv[2]))
        model = SmallGoogLeNet()
        model.apply(initWeight)
        torch.save(model.state_dict(), argv[3])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
