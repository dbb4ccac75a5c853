/** The public portal's own answers (no login). */
import { defineModule } from '../../platform/module.js';
import { publicRoutes } from './public.routes.js';

export const publicModule = defineModule({ name: 'public', routes: publicRoutes });
