import Link from 'next/link';

const VIEWS = [{ href: '/fleet', label: 'Fleet' }];

export function AppNav() {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Fleetwatch
      </Link>
      <nav aria-label="Views">
        {VIEWS.map((view) => (
          <Link key={view.href} href={view.href} className="nav-link">
            {view.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
