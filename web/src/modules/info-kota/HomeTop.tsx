import './info-kota.css';
import { HomeUrgent } from './HomeWidgets';

export default HomeUrgent;
