"""The sha256 of every shipped model file (written by scripts/model_manifest.py)."""

from __future__ import annotations

from typing import Final

SHIPPED: Final[dict[str, dict[str, str]]] = {
    "allegations": {
        "allegations.json": "e9e3322b009c165d4770cb56bbda6e092268d78bdad1e5206439c758f11f0fe1",
        "allegations.npz": "5c350e35734cf0ec76e9e67332ebf49735f3bd1f9313d5ce3223950e7860ad48",
    },
    "checkworthiness": {
        "checkworthiness.json": "c695c80f7027bf4d6d051c628fa019146496ae31855dd7c7cd73a00ca7f191af",
        "checkworthiness.npz": "0f9ce92a9ae73c565a104dfaf5ff98ba6ae640ad6f61a0911004bf35522695f9",
    },
    "techniques": {
        "si.crfsuite": "56e1e22739434dfaca9d994018293c1b9611fe322195472a7457433f4a586ba4",
        "si_encoder.onnx": "b31e5ff8057b997eca42334f754a1db42edfdb75e66943d853eee93114822e8e",
        "si_tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
        "tc_network.onnx": "96ca5988b327a5385c7e5c77e60f0e7d32b38e4d14946b13c749aef630e565d3",
        "techniques.json": "be676502d477f7a1f3998cce7417bede729204ba00598ed1b4db39ab7521e571",
        "techniques.npz": "1dcbcdacc5bf14c3c2284f1887cf423923b88a64d7b265bcfb0cbccc9064edd6",
    },
    "techniques-ruuk": {
        "techniques_ruuk.json": "201de82e28c20339413de3dd91bf071ab4ea68f8e153844dcf014f8fe0478624",
        "techniques_ruuk.npz": "bbf68746a9a5349f8ba1919d70a04736843fdc382765a434bb5c9c47cf735111",
    },
}
