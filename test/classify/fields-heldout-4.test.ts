// Held-out sample 4: 100 papers drawn in the same shuffle as the model's training papers (fields-train.json)
// but never among them, labelled blind by two labellers, and put in the repository only after the model was
// frozen (efc4e20). Measured once on that frozen model: 76/100 (the hand ranking it replaced: 65/100; target
// 0.88 missed). Since then the sample is TRAINING data of the field model (scripts/train-fields.ts), so the
// figure below is training fit (80/100 for the shipped model of 0290cce), not a held-out
// measure. The floor guards against a broken or stale model file; it is not the target. References only:
// the text is read from the shared lists at test time.
import { heldOutSampleTests } from './heldout-sample.js';

heldOutSampleTests({
  n: 4,
  earlier: ['fields-heldout-2.json', 'fields-heldout-3.json'],
  floor: 0.74,
  what: 'primary-field training fit (the sample is training data of the field model now)',
});
