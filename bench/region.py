#!/usr/bin/env python3
"""Writes a generated region's organizations.csv in indigate's format.

    bench/region.py --schools 2300 --seed 1 --out /tmp/region/organizations.csv

The file has the header and the roles of config/organizations.csv:
`inn;kind;short_name;full_name;municipality;mouo_inn;role;email;contact_name;position;phone`,
`;`-separated, UTF-8, one row per contact:

  * N schools (kind `school`) across M municipalities (default 40), one `respondent` each;
  * each municipality's МОУО (kind `mouo`) with a `respondent` and a `coordinator`;
  * the regional centre (ГБУ ДПО РЦОКИО, kind `other`) with 3 `operator`s, and the ministry
    (kind `other`) with 1 regional `coordinator` — the sample's own two INNs and addresses.

INNs are 10 digits with a correct check digit (regional prefix 74, a tax-office code per
municipality). The catalogue's `participants: list` indicators (group 1 of
config/indicators.yaml) name 12 INNs; those INNs are given to 12 of the generated schools, as
in the real region, so those schools are asked 13 indicators and the rest 8 (МОУО: 1).
Everything is deterministic from --seed. Email domains end in `.test`.
"""

import argparse
import os
import random
import re
import sys

HEADER = "inn;kind;short_name;full_name;municipality;mouo_inn;role;email;contact_name;position;phone"

# (name, genitive for full names, latin slug for addresses, city for numbered schools (genitive), phone code)
# The municipalities of Челябинская область (municipal districts МР and urban okrugs ГО).
MUNICIPALITIES = [
    ("Челябинский ГО", "Челябинского городского округа", "chel", "г. Челябинска", "351"),
    ("Магнитогорский ГО", "Магнитогорского городского округа", "magnitka", "г. Магнитогорска", "3519"),
    ("Златоустовский ГО", "Златоустовского городского округа", "zlat", "г. Златоуста", "3513"),
    ("Миасский ГО", "Миасского городского округа", "miass", "г. Миасса", "3513"),
    ("Копейский ГО", "Копейского городского округа", "kopeysk", "г. Копейска", "35139"),
    ("Озерский ГО", "Озерского городского округа", "ozersk", "г. Озерска", "35130"),
    ("Троицкий ГО", "Троицкого городского округа", "troitsk", "г. Троицка", "35163"),
    ("Снежинский ГО", "Снежинского городского округа", "snezhinsk", "г. Снежинска", "35146"),
    ("Чебаркульский ГО", "Чебаркульского городского округа", "chebarkul", "г. Чебаркуля", "35168"),
    ("Кыштымский ГО", "Кыштымского городского округа", "kyshtym", "г. Кыштыма", "35151"),
    ("Южноуральский ГО", "Южноуральского городского округа", "yuzhnouralsk", "г. Южноуральска", "35134"),
    ("Верхнеуфалейский ГО", "Верхнеуфалейского городского округа", "vufaley", "г. Верхнего Уфалея", "35164"),
    ("Усть-Катавский ГО", "Усть-Катавского городского округа", "ustkatav", "г. Усть-Катава", "35167"),
    ("Трехгорный ГО", "Трехгорного городского округа", "trekhgorny", "г. Трехгорного", "35191"),
    ("Карабашский ГО", "Карабашского городского округа", "karabash", "г. Карабаша", "35153"),
    ("Локомотивный ГО", "Локомотивного городского округа", "lokomotivny", "п. Локомотивный", "35133"),
    ("Агаповский МР", "Агаповского муниципального района", "agapovka", "с. Агаповка", "35140"),
    ("Аргаяшский МР", "Аргаяшского муниципального района", "argayash", "с. Аргаяш", "35131"),
    ("Ашинский МР", "Ашинского муниципального района", "asha", "г. Аши", "35159"),
    ("Брединский МР", "Брединского муниципального района", "bredy", "п. Бреды", "35141"),
    ("Варненский МР", "Варненского муниципального района", "varna", "с. Варна", "35142"),
    ("Верхнеуральский МР", "Верхнеуральского муниципального района", "vuralsk", "г. Верхнеуральска", "35143"),
    ("Еманжелинский МР", "Еманжелинского муниципального района", "emanzhelinsk", "г. Еманжелинска", "35138"),
    ("Еткульский МР", "Еткульского муниципального района", "etkul", "с. Еткуль", "35145"),
    ("Карталинский МР", "Карталинского муниципального района", "kartaly", "г. Карталы", "35133"),
    ("Каслинский МР", "Каслинского муниципального района", "kasli", "г. Касли", "35149"),
    ("Катав-Ивановский МР", "Катав-Ивановского муниципального района", "katav", "г. Катав-Ивановска", "35147"),
    ("Кизильский МР", "Кизильского муниципального района", "kizil", "с. Кизильское", "35155"),
    ("Коркинский МР", "Коркинского муниципального района", "korkino", "г. Коркино", "35152"),
    ("Красноармейский МР", "Красноармейского муниципального района", "miasskoe", "с. Миасское", "35150"),
    ("Кунашакский МР", "Кунашакского муниципального района", "kunashak", "с. Кунашак", "35148"),
    ("Кусинский МР", "Кусинского муниципального района", "kusa", "г. Кусы", "35154"),
    ("Нагайбакский МР", "Нагайбакского муниципального района", "fershampenuaz", "с. Фершампенуаз", "35157"),
    ("Нязепетровский МР", "Нязепетровского муниципального района", "nyaz", "г. Нязепетровска", "35156"),
    ("Октябрьский МР", "Октябрьского муниципального района", "oktyabrskoe", "с. Октябрьское", "35158"),
    ("Пластовский МР", "Пластовского муниципального района", "plast", "г. Пласта", "35160"),
    ("Саткинский МР", "Саткинского муниципального района", "satka", "г. Сатки", "35161"),
    ("Сосновский МР", "Сосновского муниципального района", "sosnovka", "с. Долгодеревенское", "35144"),
    ("Увельский МР", "Увельского муниципального района", "uvelka", "п. Увельский", "35166"),
    ("Уйский МР", "Уйского муниципального района", "uysk", "с. Уйское", "35165"),
    ("Чебаркульский МР", "Чебаркульского муниципального района", "chebraion", "г. Чебаркуля", "35168"),
    ("Чесменский МР", "Чесменского муниципального района", "chesma", "с. Чесма", "35169"),
    ("Троицкий МР", "Троицкого муниципального района", "troraion", "г. Троицка", "35163"),
]

# Village names for rural schools, as adjectives (feminine, «…ская СОШ»).
VILLAGES = """Березовская Николаевская Октябрьская Петровская Александровская Михайловская Ивановская
Покровская Никольская Полевая Луговая Садовая Заречная Озерная Лесная Степная Каменская Сосновская
Кременкульская Долгодеревенская Полетаевская Тимирязевская Кочневская Бишкильская Варламовская
Травниковская Филимоновская Шершневская Ключевская Белоносовская Коелгинская Селезянская Каратабанская
Лебедевская Пискловская Вишневогорская Багарякская Тюбукская Береговая Петропавловская Злоказовская
Шемахинская Ункурдинская Сказовская Гривенская Кулуевская Халитовская Саргазинская Бородиновская
Краснооктябрьская Харлушевская Новобурановская Сугоякская Канашевская Муслюмовская Кунашакская Усть-Багарякская
Кызылская Наровчатская Великопетровская Анненская Сухтелинская Полоцкая Елизаветопольская
Магнитная Ларинская Фершампенуазская Остроленская Кассельская Парижская Рымникская""".split()

SURNAMES_M = """Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Федоров Морозов Волков
Алексеев Лебедев Семенов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров
Зайцев Соловьев Борисов Яковлев Григорьев Романов Воробьев Сергеев Кузьмин Фролов Александров Дмитриев
Королев Гусев Киселев Ильин Максимов Поляков Сорокин Виноградов Ковалев Белов Медведев Антонов Тарасов
Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков
Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов
Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Чернышев
Быков Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарев Голубев Кудрявцев Прохоров
Наумов Потапов Журавлев Овчинников Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров
Грачев Котов Гришин Ефремов Архипов Громов Кириллов Малышев Панов Моисеев Румянцев Акимов Кондратьев
Бирюков Горбунов Анисимов Еремин Тихомиров Галкин Лукьянов Михеев Скворцов Юдин Белоусов Нестеров""".split()
SURNAMES_TATAR = """Хайруллин Ахметов Гарипов Шарипов Мухаметов Сафин Галиев Валиев Исмагилов Хабибуллин
Нуриев Зарипов Фаттахов Гиззатуллин Латыпов Юсупов""".split()
NAMES_M = """Александр Алексей Андрей Антон Владимир Дмитрий Евгений Игорь Илья Константин Максим Михаил
Николай Павел Роман Сергей Юрий Виктор Олег Вячеслав Геннадий Анатолий Валерий Денис Артем""".split()
NAMES_F = """Анна Елена Ирина Ольга Татьяна Наталья Светлана Марина Юлия Екатерина Людмила Галина Надежда
Оксана Вера Любовь Лариса Нина Валентина Алла Инна Лилия Евгения Мария Анастасия Дарья Ксения Жанна
Гульнара Резеда Альфия Лидия Тамара Зоя Раиса Полина""".split()
# Patronymics: (masculine, feminine) from the father's name.
PATRONYMICS = [
    ("Александрович", "Александровна"), ("Алексеевич", "Алексеевна"), ("Андреевич", "Андреевна"),
    ("Владимирович", "Владимировна"), ("Викторович", "Викторовна"), ("Васильевич", "Васильевна"),
    ("Геннадьевич", "Геннадьевна"), ("Дмитриевич", "Дмитриевна"), ("Евгеньевич", "Евгеньевна"),
    ("Иванович", "Ивановна"), ("Игоревич", "Игоревна"), ("Михайлович", "Михайловна"),
    ("Николаевич", "Николаевна"), ("Олегович", "Олеговна"), ("Петрович", "Петровна"),
    ("Сергеевич", "Сергеевна"), ("Юрьевич", "Юрьевна"), ("Анатольевич", "Анатольевна"),
    ("Валерьевич", "Валерьевна"), ("Борисович", "Борисовна"), ("Федорович", "Федоровна"),
    ("Рашитович", "Рашитовна"), ("Фаритович", "Фаритовна"), ("Ринатович", "Ринатовна"),
]
SCHOOL_POSITIONS = [
    "заместитель директора по УВР", "заместитель директора по учебно-воспитательной работе",
    "заместитель директора по учебной работе", "директор", "методист", "учитель информатики",
    "педагог-организатор", "секретарь учебной части",
]

# Legal forms: (short, full).
FORMS = [
    ("МОУ", "Муниципальное общеобразовательное учреждение"),
    ("МКОУ", "Муниципальное казенное общеобразовательное учреждение"),
    ("МАОУ", "Муниципальное автономное общеобразовательное учреждение"),
    ("МБОУ", "Муниципальное бюджетное общеобразовательное учреждение"),
]
# Kinds of numbered urban schools: (short, full).
URBAN_KINDS = [
    ("СОШ", "Средняя общеобразовательная школа"), ("СОШ", "Средняя общеобразовательная школа"),
    ("СОШ", "Средняя общеобразовательная школа"), ("СОШ", "Средняя общеобразовательная школа"),
    ("Лицей", "Лицей"), ("Гимназия", "Гимназия"), ("ООШ", "Основная общеобразовательная школа"),
]
RURAL_KINDS = [
    ("СОШ", "средняя общеобразовательная школа"), ("СОШ", "средняя общеобразовательная школа"),
    ("ООШ", "основная общеобразовательная школа"), ("НОШ", "начальная общеобразовательная школа"),
]

TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s", "t",
     "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))

# The sample's regional organisations (config/organizations.csv): their INNs and addresses.
REGIONAL_CENTRE = ("7453965345", "ГБУ ДПО РЦОКИО",
                   "Государственное бюджетное учреждение дополнительного профессионального образования "
                   "«Региональный центр оценки качества и информатизации образования»")
MINISTRY = ("7451208572", "Минобр Челябинской области", "Министерство образования и науки Челябинской области")

INN_WEIGHTS = [2, 4, 10, 3, 5, 9, 4, 6, 8]


def inn_check_digit(first9):
    """The 10th digit of a legal entity's INN (ФНС algorithm)."""
    return sum(int(d) * w for d, w in zip(first9, INN_WEIGHTS)) % 11 % 10


def valid_inn(inn):
    return len(inn) == 10 and inn.isdigit() and inn_check_digit(inn[:9]) == int(inn[9])


def translit(word):
    out = "".join(TRANSLIT.get(c, c) for c in word.lower())
    return re.sub(r"[^a-z0-9]+", "-", out).strip("-")


def list_inns(catalogue):
    """The INNs named by `participants: list` indicators of the catalogue (in first-seen order)."""
    if not catalogue or not os.path.exists(catalogue):
        return []
    seen = []
    for line in open(catalogue, encoding="utf-8"):
        if line.strip().startswith("inns:"):
            for inn in re.findall(r'"(\d{10})"', line):
                if inn not in seen:
                    seen.append(inn)
    return seen


class Region:
    def __init__(self, seed, schools, municipalities, catalogue):
        self.rng = random.Random(f"region:{seed}")
        self.schools = schools
        self.municipalities = municipalities
        self.used_inns = {REGIONAL_CENTRE[0], MINISTRY[0]}
        self.reserved = [inn for inn in list_inns(catalogue) if valid_inn(inn)][:schools]
        self.used_inns.update(self.reserved)
        self.emails = set()
        self.rows = []

    def new_inn(self, office):
        while True:
            first9 = "74" + office + "".join(str(self.rng.randrange(10)) for _ in range(5))
            inn = first9 + str(inn_check_digit(first9))
            if inn not in self.used_inns:
                self.used_inns.add(inn)
                return inn

    def person(self):
        female = self.rng.random() < 0.78  # school administrations are mostly women
        surname = self.rng.choice(SURNAMES_TATAR if self.rng.random() < 0.08 else SURNAMES_M)
        if female:
            surname = surname + "а"
            name = self.rng.choice(NAMES_F)
        else:
            name = self.rng.choice(NAMES_M)
        patronymic = self.rng.choice(PATRONYMICS)[1 if female else 0]
        return f"{surname} {name} {patronymic}"

    def phone(self, code):
        digits = 10 - len(code)  # +7, then ten digits: the area code and the local number
        number = "".join(str(self.rng.randrange(10)) for _ in range(digits))
        if digits == 7:
            local = f"{number[:3]}-{number[3:5]}-{number[5:]}"
        elif digits == 6:
            local = f"{number[:2]}-{number[2:4]}-{number[4:]}"
        elif digits == 5:
            local = f"{number[:1]}-{number[1:3]}-{number[3:]}"
        else:
            local = f"{number[:2]}-{number[2:]}"
        return f"+7 ({code}) {local}"

    def email(self, local, domain):
        address = f"{local}@{domain}"
        n = 2
        while address in self.emails:
            address = f"{local}{n}@{domain}"
            n += 1
        self.emails.add(address)
        return address

    def row(self, inn, kind, short, full, municipality, mouo_inn, role, email, contact, position, phone):
        fields = [inn, kind, short, full, municipality, mouo_inn, role, email, contact, position, phone]
        for f in fields:
            assert ";" not in f and "\n" not in f, f
        self.rows.append(";".join(fields))

    def school_counts(self, count):
        """Schools per municipality: big cities get many, districts a few; each at least one."""
        weights = []
        for index in range(count):
            if index == 0:
                weights.append(12.0)  # the regional capital
            elif index < 16 and MUNICIPALITIES[index][0].endswith("ГО"):
                weights.append(self.rng.uniform(1.5, 4.0))
            else:
                weights.append(self.rng.uniform(0.6, 1.6))
        total = sum(weights)
        counts = [max(1, int(self.schools * w / total)) for w in weights]
        # Adjust to exactly N, taking from or giving to the biggest first.
        order = sorted(range(count), key=lambda i: -weights[i])
        i = 0
        while sum(counts) != self.schools:
            j = order[i % count]
            if sum(counts) < self.schools:
                counts[j] += 1
            elif counts[j] > 1:
                counts[j] -= 1
            i += 1
        return counts

    def generate(self):
        r = self.rng
        # Regional level: 3 operators at the regional centre, 1 regional coordinator.
        centre_inn, centre_short, centre_full = REGIONAL_CENTRE
        operators = [("Иванова Светлана Николаевна", "специалист отдела образовательной статистики", "+7 (351) 217-40-44"),
                     ("Петрова Ольга Викторовна", "ведущий специалист отдела образовательной статистики", "+7 (351) 217-40-46"),
                     ("Сидоренко Наталья Александровна", "начальник отдела образовательной статистики", "+7 (351) 217-40-41")]
        for n, (contact, position, phone) in enumerate(operators, 1):
            self.row(centre_inn, "other", centre_short, centre_full, "", "", "operator",
                     self.email(f"operator{n}", "rcokio.test"), contact, position, phone)
        self.row(MINISTRY[0], "other", MINISTRY[1], MINISTRY[2], "", "", "coordinator",
                 self.email("coord", "minobr74.test"), "Кузнецова Елена Сергеевна",
                 "главный специалист отдела общего образования", "+7 (351) 263-67-62")

        count = min(self.municipalities, len(MUNICIPALITIES), self.schools)
        counts = self.school_counts(count)
        # The catalogue's list INNs go to the first schools of the first municipalities, two each
        # (as the sample's group 1: two schools per municipality).
        reserved = list(self.reserved)
        for index in range(count):
            name, genitive, slug, city, code = MUNICIPALITIES[index]
            domain = f"{slug}.edu.test"
            office = f"{(index * 7 + 1) % 90 + 10:02d}"  # a two-digit tax-office code per municipality
            mouo_inn = self.new_inn(office)
            mouo_short = f"Управление образования {short_genitive(name)}"
            mouo_full = f"Управление образования администрации {genitive}"
            self.row(mouo_inn, "mouo", mouo_short, mouo_full, name, "", "respondent",
                     self.email("uo", domain), self.person(), "ведущий специалист управления образования",
                     self.phone(code))
            self.row(mouo_inn, "mouo", mouo_short, mouo_full, name, "", "coordinator",
                     self.email("uo-coord", domain), self.person(), "начальник отдела общего образования",
                     self.phone(code))
            urban = name.endswith("ГО")
            numbers = iter(sorted(r.sample(range(1, max(200, counts[index] * 3)), counts[index])))
            villages = r.sample(VILLAGES, len(VILLAGES))
            for k in range(counts[index]):
                inn = reserved.pop(0) if reserved and k < 2 else self.new_inn(office)
                form_short, form_full = r.choice(FORMS)
                if urban or k < max(1, counts[index] // 4) or not villages:
                    kind_short, kind_full = r.choice(URBAN_KINDS)
                    number = next(numbers)
                    if kind_short in ("Лицей", "Гимназия"):
                        short = f"{form_short} «{kind_short} № {number}» {city}"
                    else:
                        short = f"{form_short} {kind_short} № {number} {city}"
                    full = f"{form_full} «{kind_full} № {number}» {genitive}"
                    local = {"Лицей": "lyceum", "Гимназия": "gymnasium"}.get(kind_short, "school") + str(number)
                else:
                    village = villages.pop()
                    kind_short, kind_full = r.choice(RURAL_KINDS)
                    short = f"{form_short} «{village} {kind_short}»"
                    full = f"{form_full} «{village} {kind_full}» {genitive}"
                    local = translit(village[:-4] if village.endswith("ская") else village) + "-" + translit(kind_short)
                if r.random() < 0.06:  # the sample has schools without a contact person
                    contact = position = phone = ""
                else:
                    contact, position, phone = self.person(), r.choice(SCHOOL_POSITIONS), self.phone(code)
                self.row(inn, "school", short, full, name, mouo_inn, "respondent",
                         self.email(local, domain), contact, position, phone)
        return self.rows


def short_genitive(name):
    """«Еткульский МР» → «Еткульского МР»."""
    word, suffix = name.rsplit(" ", 1)
    parts = word.split("-")
    last = parts[-1]
    for ending, replacement in (("ский", "ского"), ("ный", "ного"), ("цкий", "цкого")):
        if last.endswith(ending):
            last = last[: -len(ending)] + replacement
            break
    parts[-1] = last
    return "-".join(parts) + " " + suffix


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--schools", "-n", type=int, default=2300, help="schools (default 2300)")
    parser.add_argument("--municipalities", type=int, default=None,
                        help="municipalities (default: 40, fewer for small regions: schools/50, at least 2)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--catalogue", default=os.path.join(here, "..", "config", "indicators.yaml"),
                        help="indicators.yaml whose `participants: list` INNs go to generated schools "
                             "('' for none)")
    parser.add_argument("--out", "-o", default="-", help="output file (default: stdout)")
    parser.add_argument("--tiny", action="store_true", help="20 schools (the smoke test's size)")
    args = parser.parse_args(argv)
    if args.tiny:
        args.schools = 20
    if args.schools < 1:
        parser.error("--schools must be at least 1")
    municipalities = args.municipalities or min(40, max(2, args.schools // 50))
    rows = Region(args.seed, args.schools, municipalities, args.catalogue).generate()
    text = HEADER + "\n" + "\n".join(rows) + "\n"
    if args.out == "-":
        sys.stdout.write(text)
    else:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
        schools = sum(1 for r in rows if r.split(";")[1] == "school")
        mouo = len({r.split(";")[0] for r in rows if r.split(";")[1] == "mouo"})
        print(f"region: {schools} schools, {mouo} МОУО, {len(rows)} contacts -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
