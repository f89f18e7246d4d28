import fc from 'fast-check';

/**
 * Property tests run with a fixed seed by default, so CI is reproducible and a failure can be replayed;
 * `FC_SEED=random npm run test:unit` explores fresh inputs, `FC_SEED=<n>` replays a reported seed.
 */
const requested = process.env.FC_SEED;
if (requested !== 'random') fc.configureGlobal({ seed: requested ? Number(requested) : 20_261_127 });
