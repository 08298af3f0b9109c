// The table view's page (see src/features/table/): header, row count, virtualised rows.
import { connectToHost, textElement } from '../shared/host';
import './table.css';

const host = connectToHost<{ type: 'ready' }, unknown, unknown>();
document.getElementById('root')?.append(textElement('p', '…', 'muted'));
host.post({ type: 'ready' });
