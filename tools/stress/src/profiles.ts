/** `npm run stress -- all`: the profiles, in order (the endurance soak last: it is the long one). */
export const ALL_SCENARIOS = ['baseline', 'realistic-50', 'realistic-100', 'stress', 'spike', 'endurance'];
