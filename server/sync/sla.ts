// The policy lives in lib/ so a case captured offline shows the same deadline the server will set.
export { SLA_MINUTES, slaDueAt } from '../../lib/cases/sla-policy';
