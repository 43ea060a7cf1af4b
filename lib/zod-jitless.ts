import { z } from 'zod';

// zod 4 probes for `Function("")` on first use to decide whether to compile parsers. The page's content
// security policy forbids eval, so the probe fails (harmlessly) but reports a CSP violation on every page.
// Browser code never needs the compiled parsers: tell zod not to probe.
z.config({ jitless: true });
