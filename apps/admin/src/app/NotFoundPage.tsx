import { Link } from 'react-router-dom';
import { EmptyState } from '../components/States';
import { paths } from './paths';

export function NotFoundPage() {
  return (
    <EmptyState title="There is no page here" action={<Link to={paths.home}>Back to the overview</Link>}>
      The address may be mistyped, or the page may have moved.
    </EmptyState>
  );
}
