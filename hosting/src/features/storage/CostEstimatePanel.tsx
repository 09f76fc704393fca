// The Storage page's monthly cost estimate: the total, what it is made of, and its assumptions.
import type { CostEstimate } from '../../api/wire';
import { costEstimateView } from './cost-estimate';

export function CostEstimatePanel({ estimate }: { estimate: CostEstimate }) {
  const view = costEstimateView(estimate);
  return (
    <section aria-labelledby="cost-title" class="meeting-group">
      <h2 id="cost-title" class="section-title">
        Monthly cost estimate
      </h2>
      <p>
        <strong>{view.total}</strong> a month at list prices.
      </p>
      {view.lines.length ? (
        <dl class="figures">
          {view.lines.map((line) => (
            <div class="figure" key={line.label}>
              <dt>{line.label}</dt>
              <dd>{line.amount}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {view.watermark ? <p>{view.watermark}</p> : null}
      {view.ladder ? <p>{view.ladder}</p> : null}
      <p class="muted">{view.basis}</p>
    </section>
  );
}
