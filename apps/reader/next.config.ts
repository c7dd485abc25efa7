import { baseNextConfig } from '../../next.config.base';

// Validates the environment at build and start: a bad value fails here.
import './src/env';

export default baseNextConfig;
